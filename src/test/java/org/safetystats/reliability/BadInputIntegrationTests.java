package org.safetystats.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of bad files, generated (seeded) and written by hand, in one ingest run with
 * good ones: each gets a clear rejection or a correct load, the job completes, nothing
 * else in the run is lost, every file ends in exactly one place, and no cell of an error
 * report runs as a formula in a spreadsheet. The run is made once; a test per kind of bad
 * input checks its files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIntegrationTests extends IntegrationTestSupport {

	static final long SEED = Long.getLong("safetystats.badInputSeed", 20261126L);

	static final String UNIT = "14347";

	/** The kinds of input in the run, each a test. */
	enum Kind {

		GOOD_FILES, RANDOM_BYTES, TRUNCATED_FILES, LEGACY_ENCODINGS, NUL_BYTES, HUGE_FIELDS_AND_LINES, VALUES, FORMULAS,
		ODD_FILE_NAMES, LINK_OUT_OF_THE_INBOX, ENDLESS_QUOTED_FIELD

	}

	@Autowired
	JobRunner jobRunner;

	private YearMonth nextMonth = YearMonth.of(2000, 1);

	private final Map<Kind, Map<String, String>> expected = new EnumMap<>(Kind.class);

	private Kind kind = Kind.GOOD_FILES;

	private String pending;

	private JobExecution execution;

	private Path outside;

	@Override
	protected void emptyFoldersAndSubmissions() {
		// every test checks the one run of ingestEveryKindInOneRun
	}

	@BeforeAll
	void ingestEveryKindInOneRun() throws Exception {
		super.emptyFoldersAndSubmissions();
		System.out.println("bad input seed: " + SEED + " (rerun with -Dsafetystats.badInputSeed=" + SEED + ")");
		Random random = new Random(SEED);
		// given good files among them, which must load
		this.kind = Kind.GOOD_FILES;
		for (int i = 0; i < 5; i++) {
			write(text().getBytes(StandardCharsets.UTF_8), "LOADED");
		}
		this.kind = Kind.RANDOM_BYTES;
		for (int i = 0; i < 100; i++) {
			byte[] bytes = new byte[1 + random.nextInt(4000)];
			random.nextBytes(bytes);
			write(bytes, "REJECTED");
		}
		this.kind = Kind.TRUNCATED_FILES;
		for (int i = 0; i < 100; i++) {
			byte[] whole = text().getBytes(StandardCharsets.UTF_8);
			write(Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 3)), "REJECTED");
		}
		// legacy encodings and UTF-16 (the note uses letters that Windows-1258 has
		// precomposed: ư, ơ, Đ, ă)
		this.kind = Kind.LEGACY_ENCODINGS;
		for (String charset : new String[] { "windows-1258", "UTF-16", "UTF-16LE", "x-IBM1258" }) {
			if (Charset.isSupported(charset)) {
				write(text().replace("14347-01,crime_cases,0,", "14347-01,crime_cases,0,Trương Đăng")
					.getBytes(Charset.forName(charset)), "REJECTED");
			}
		}
		// a NUL byte, in a note and in a code; in the header, and nothing but garbage
		// with
		// a NUL
		this.kind = Kind.NUL_BYTES;
		write(utf8(text().replace("traffic_deaths,0,", "traffic_deaths,0,a\0b")), "REJECTED");
		write(utf8(text().replace(UNIT + "-02,", UNIT + "-0\0,")), "REJECTED");
		write(utf8(text().replaceFirst("note", "no\0te")), "LOADED");
		write(utf8("not a csv at all \0"), "REJECTED");
		this.kind = Kind.HUGE_FIELDS_AND_LINES;
		write(utf8(text().replace("traffic_deaths,0,", "traffic_deaths,0," + "x".repeat(5000))), "REJECTED");
		write(utf8(text().replace("traffic_deaths,0,", "traffic_deaths,0,\"" + "y".repeat(300_000) + "\"")),
				"REJECTED");
		write(utf8("unit_code,period,village_code,indicator,value,note," + "z,".repeat(200_000) + "\n"), "REJECTED");
		// counts up to the indicator's bound (fine), above it, over 2^31 and 2^63,
		// negative, decimals, NaN, words, exponents
		this.kind = Kind.VALUES;
		write(value("1000"), "LOADED");
		for (String bad : new String[] { "1001", "2147483648", "9223372036854775807", "9223372036854775808",
				"99999999999999999999999", "-1", "-0.5", "1.5", "1,5", "NaN", "Infinity", "1e3", "0x10", "mười", "١٢",
				"" }) {
			write(value(bad), "REJECTED");
		}
		// formulas in notes load as text; formulas in codes are rejected and reported
		// without running
		this.kind = Kind.FORMULAS;
		for (String formula : new String[] { "=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")", "+1+1", "-1+1",
				"@SUM(A1)", "=cmd|' /C calc'!A0" }) {
			write(utf8(text().replace("traffic_deaths,0,", "traffic_deaths,0,\"" + formula + "\"")), "LOADED");
			write(utf8(text().replaceFirst(UNIT + ",", "\"" + formula + "\",")), "REJECTED");
		}
		this.kind = Kind.ODD_FILE_NAMES;
		for (String name : new String[] { "14347..csv", " 14347_2019-03.csv", "14347_2019-03.csv.csv",
				"Báo cáo tháng 3.csv", "14347_2019-03 (1).csv", "14347_2019-13.csv", "14347_2019-03.CSV.xlsx",
				"a\u202Ecsv.exe", "-rf.csv", "=1+1.csv", "x".repeat(200) + ".csv" }) {
			String content = text();
			this.pending = null;
			Files.write(inbox().resolve(name), utf8(content));
			expect(name, "REJECTED");
		}
		// a symbolic link to a file outside the inbox, and a directory where a file
		// should be (which stays in the inbox)
		this.kind = Kind.LINK_OUT_OF_THE_INBOX;
		this.outside = Files.writeString(home().resolve("secret.txt"), "not a submission");
		Files.createSymbolicLink(inbox().resolve("14347_1999-01.csv"), this.outside);
		expect("14347_1999-01.csv", "REJECTED");
		Files.createDirectories(inbox().resolve("14347_1999-02.csv"));
		// a 2 GB file: one quoted field that never ends
		this.kind = Kind.ENDLESS_QUOTED_FIELD;
		Path huge = inbox().resolve(nextName());
		try (OutputStream out = Files.newOutputStream(huge)) {
			out.write(utf8("unit_code,period,village_code,indicator,value,note\n14347,x,,traffic_deaths,0,\""));
			byte[] block = utf8("a".repeat(1 << 20));
			for (int i = 0; i < 2048; i++) {
				out.write(block);
			}
		}
		expect(huge.getFileName().toString(), "REJECTED");
		// when
		this.execution = this.jobRunner.run(IngestJob.NAME);
	}

	@Test
	void theJobCompletesAndNothingElseIsLost() throws IOException {
		assertThat(this.execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, String> all = new HashMap<>();
		this.expected.values().forEach(all::putAll);
		assertThat(all).hasSizeGreaterThan(200);
		Map<String, String> outcome = new HashMap<>();
		this.jdbc.sql("SELECT file_name, status FROM ops.submission").query((rs) -> {
			outcome.put(rs.getString(1), rs.getString(2));
		});
		assertThat(outcome).containsExactlyInAnyOrderEntriesOf(all);
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission WHERE status = 'REJECTED' AND error_count = 0")
			.query(Long.class)
			.single()).as("every rejection has a finding").isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.findings WHERE message_en = '' OR message_vi = ''")
			.query(Long.class)
			.single()).isZero();
		try (Stream<Path> left = Files.list(inbox())) {
			assertThat(left.map((p) -> p.getFileName().toString())).containsExactly("14347_1999-02.csv");
		}
		assertThat(this.outside).hasContent("not a submission");
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission WHERE disposed_at IS NULL")
			.query(Long.class)
			.single()).isZero();
		try (Stream<Path> reports = Files.list(rejected())) {
			for (Path report : reports.filter((p) -> p.toString().endsWith(".errors.csv")).toList()) {
				assertNoFormula(report);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Kind.class)
	void eachFileOfAKindEndsAsExpectedInOnePlace(Kind kind) throws IOException {
		Map<String, String> files = this.expected.get(kind);
		assertThat(files).as("files of the kind").isNotEmpty();
		for (Map.Entry<String, String> file : files.entrySet()) {
			String name = file.getKey();
			Map<String, Object> submission = this.jdbc.sql("""
					SELECT status, error_count, stored_as,
					       (SELECT count(*) FROM ops.findings f WHERE f.submission_id = s.submission_id
					        AND (f.message_en = '' OR f.message_vi = '')) AS blank_messages
					FROM ops.submission s WHERE file_name = :n
					""").param("n", name).query().singleRow();
			assertThat(submission.get("status")).as(name).isEqualTo(file.getValue());
			assertThat((Long) submission.get("blank_messages")).as(name).isZero();
			boolean rejectedFile = file.getValue().equals("REJECTED");
			if (rejectedFile) {
				assertThat((Long) submission.get("error_count")).as(name + ": a rejection has a finding").isPositive();
			}
			Path kept = (rejectedFile ? rejected() : archive()).resolve((String) submission.get("stored_as"));
			assertThat(Files.exists(kept, LinkOption.NOFOLLOW_LINKS)).as(name).isTrue();
			Path report = kept.resolveSibling(kept.getFileName() + ".errors.csv");
			if (Files.exists(report)) {
				assertNoFormula(report);
			}
		}
	}

	private static void assertNoFormula(Path report) throws IOException {
		for (String row : Files.readAllLines(report, StandardCharsets.UTF_8)) {
			for (String cell : row.split("\",\"")) {
				String content = cell.replaceFirst("^\uFEFF?\"", "");
				assertThat(content).as(report + ": " + row)
					.doesNotStartWith("=")
					.doesNotStartWith("+")
					.doesNotStartWith("@")
					.doesNotStartWith("-");
			}
		}
	}

	/**
	 * A complete, valid file for the next month; its name is used by the next
	 * {@link #write}.
	 */
	private String text() throws IOException {
		String name = nextName();
		YearMonth month = YearMonth.parse(name.substring(6, 13));
		Path scratch = Files.createDirectories(home().resolve("scratch"));
		Path file = SubmissionFiles.write(scratch, UNIT, month, SubmissionFiles.values("traffic_accidents", 1),
				(v, i) -> 0);
		this.pending = file.getFileName().toString();
		return Files.readString(file);
	}

	private byte[] value(String value) throws IOException {
		return utf8(text().replace("traffic_deaths,0,", "traffic_deaths," + value + ","));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private void write(byte[] bytes, String outcome) throws IOException {
		String name = (this.pending != null) ? this.pending : nextName();
		this.pending = null;
		Files.write(inbox().resolve(name), bytes);
		expect(name, outcome);
	}

	private void expect(String name, String outcome) {
		this.expected.computeIfAbsent(this.kind, (k) -> new HashMap<>()).put(name, outcome);
	}

	private String nextName() {
		String name = UNIT + "_" + this.nextMonth + ".csv";
		this.nextMonth = this.nextMonth.plusMonths(1);
		return name;
	}

}
