package org.safetystats.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
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
 * report runs as a formula in a spreadsheet.
 */
class BadInputIntegrationTests extends IntegrationTestSupport {

	static final long SEED = Long.getLong("safetystats.badInputSeed", 20261126L);

	static final String UNIT = "14347";

	@Autowired
	JobRunner jobRunner;

	private YearMonth nextMonth = YearMonth.of(2000, 1);

	private final Map<String, String> expected = new HashMap<>();

	@Test
	void everyBadFileIsRejectedClearlyAndNothingElseIsLost() throws Exception {
		System.out.println("bad input seed: " + SEED + " (rerun with -Dsafetystats.badInputSeed=" + SEED + ")");
		Random random = new Random(SEED);
		// given good files among them, which must load
		for (int i = 0; i < 5; i++) {
			good("LOADED");
		}
		// random bytes
		for (int i = 0; i < 100; i++) {
			byte[] bytes = new byte[1 + random.nextInt(4000)];
			random.nextBytes(bytes);
			write(bytes, "REJECTED");
		}
		// truncated files
		for (int i = 0; i < 100; i++) {
			byte[] whole = text().getBytes(StandardCharsets.UTF_8);
			write(java.util.Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 3)), "REJECTED");
		}
		// legacy encodings and UTF-16 (the note uses letters that Windows-1258 has
		// precomposed: ư, ơ, Đ, ă)
		for (String charset : new String[] { "windows-1258", "UTF-16", "UTF-16LE", "x-IBM1258" }) {
			if (Charset.isSupported(charset)) {
				write(text().replace("14347-01,crime_cases,0,", "14347-01,crime_cases,0,Trương Đăng")
					.getBytes(Charset.forName(charset)), "REJECTED");
			}
		}
		// a NUL byte, in a note and in a code
		write(text().replace("traffic_deaths,0,", "traffic_deaths,0,a\0b").getBytes(StandardCharsets.UTF_8),
				"REJECTED");
		write(text().replace(UNIT + "-02,", UNIT + "-0\0,").getBytes(StandardCharsets.UTF_8), "REJECTED");
		// a NUL byte in the header, and nothing but garbage with a NUL
		write(text().replaceFirst("note", "no\0te").getBytes(StandardCharsets.UTF_8), "LOADED");
		write("not a csv at all \0".getBytes(StandardCharsets.UTF_8), "REJECTED");
		// huge fields and lines
		write(text().replace("traffic_deaths,0,", "traffic_deaths,0," + "x".repeat(5000))
			.getBytes(StandardCharsets.UTF_8), "REJECTED");
		write(text().replace("traffic_deaths,0,", "traffic_deaths,0,\"" + "y".repeat(300_000) + "\"")
			.getBytes(StandardCharsets.UTF_8), "REJECTED");
		write(("unit_code,period,village_code,indicator,value,note," + "z,".repeat(200_000) + "\n")
			.getBytes(StandardCharsets.UTF_8), "REJECTED");
		// counts up to the indicator's bound (fine), above it, over 2^31 and 2^63,
		// negative,
		// decimals, NaN, words, exponents
		write(value("1000"), "LOADED");
		for (String bad : new String[] { "1001", "2147483648", "9223372036854775807", "9223372036854775808",
				"99999999999999999999999", "-1", "-0.5", "1.5", "1,5", "NaN", "Infinity", "1e3", "0x10", "mười", "١٢",
				"" }) {
			write(value(bad), "REJECTED");
		}
		// formulas in notes load as text; formulas in codes are rejected and reported
		// without running
		for (String formula : new String[] { "=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")", "+1+1", "-1+1",
				"@SUM(A1)", "=cmd|' /C calc'!A0" }) {
			write(text().replace("traffic_deaths,0,", "traffic_deaths,0,\"" + formula + "\"")
				.getBytes(StandardCharsets.UTF_8), "LOADED");
			write(text().replaceFirst(UNIT + ",", "\"" + formula + "\",").getBytes(StandardCharsets.UTF_8), "REJECTED");
		}
		// odd file names
		for (String name : new String[] { "14347..csv", " 14347_2019-03.csv", "14347_2019-03.csv.csv",
				"Báo cáo tháng 3.csv", "14347_2019-03 (1).csv", "14347_2019-13.csv", "14347_2019-03.CSV.xlsx",
				"a\u202Ecsv.exe", "-rf.csv", "=1+1.csv", "x".repeat(200) + ".csv" }) {
			String content = text();
			this.pending = null;
			Files.write(inbox().resolve(name), content.getBytes(StandardCharsets.UTF_8));
			this.expected.put(name, "REJECTED");
		}
		// a symbolic link to a file outside the inbox, and a directory where a file
		// should be
		Path outside = Files.writeString(home().resolve("secret.txt"), "not a submission");
		Files.createSymbolicLink(inbox().resolve("14347_1999-01.csv"), outside);
		this.expected.put("14347_1999-01.csv", "REJECTED");
		Files.createDirectories(inbox().resolve("14347_1999-02.csv"));
		// a 2 GB file: one quoted field that never ends
		Path huge = inbox().resolve(nextName());
		try (OutputStream out = Files.newOutputStream(huge)) {
			out.write("unit_code,period,village_code,indicator,value,note\n14347,x,,traffic_deaths,0,\""
				.getBytes(StandardCharsets.UTF_8));
			byte[] block = "a".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < 2048; i++) {
				out.write(block);
			}
		}
		this.expected.put(huge.getFileName().toString(), "REJECTED");
		// when
		JobExecution execution = this.jobRunner.run(IngestJob.NAME);
		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.expected).hasSizeGreaterThan(200);
		Map<String, String> outcome = new HashMap<>();
		this.jdbc.sql("SELECT file_name, status FROM ops.submission").query((rs) -> {
			outcome.put(rs.getString(1), rs.getString(2));
		});
		assertThat(outcome).containsExactlyInAnyOrderEntriesOf(this.expected);
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission WHERE status = 'REJECTED' AND error_count = 0")
			.query(Long.class)
			.single()).as("every rejection has a finding").isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.findings WHERE message_en = '' OR message_vi = ''")
			.query(Long.class)
			.single()).isZero();
		try (Stream<Path> left = Files.list(inbox())) {
			assertThat(left.map((p) -> p.getFileName().toString())).containsExactly("14347_1999-02.csv");
		}
		assertThat(outside).hasContent("not a submission");
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission WHERE disposed_at IS NULL")
			.query(Long.class)
			.single()).isZero();
		for (String name : this.expected.keySet()) {
			long id = this.jdbc.sql("SELECT submission_id FROM ops.submission WHERE file_name = :n")
				.param("n", name)
				.query(Long.class)
				.single();
			Path kept = (this.expected.get(name).equals("REJECTED") ? rejected() : archive())
				.resolve(this.jdbc.sql("SELECT stored_as FROM ops.submission WHERE submission_id = :id")
					.param("id", id)
					.query(String.class)
					.single());
			assertThat(Files.exists(kept, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(name).isTrue();
		}
		try (Stream<Path> reports = Files.list(rejected())) {
			for (Path report : reports.filter((p) -> p.toString().endsWith(".errors.csv")).toList()) {
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
		}
	}

	private void good(String outcome) throws IOException {
		write(text().getBytes(StandardCharsets.UTF_8), outcome);
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

	private String pending;

	private byte[] value(String value) throws IOException {
		return text().replace("traffic_deaths,0,", "traffic_deaths," + value + ",").getBytes(StandardCharsets.UTF_8);
	}

	private void write(byte[] bytes, String outcome) throws IOException {
		String name = (this.pending != null) ? this.pending : nextName();
		this.pending = null;
		Files.write(inbox().resolve(name), bytes);
		this.expected.put(name, outcome);
	}

	private String nextName() {
		String name = UNIT + "_" + this.nextMonth + ".csv";
		this.nextMonth = this.nextMonth.plusMonths(1);
		return name;
	}

}
