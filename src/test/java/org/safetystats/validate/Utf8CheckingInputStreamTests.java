package org.safetystats.validate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8CheckingInputStreamTests {

	@Test
	void passesUtf8Through() throws IOException {
		byte[] text = "Phường Đông Thành\nXã Ninh Nhất\n".getBytes(StandardCharsets.UTF_8);
		try (InputStream in = new Utf8CheckingInputStream(new ByteArrayInputStream(text))) {
			assertThat(in.readAllBytes()).isEqualTo(text);
		}
	}

	@Test
	void namesTheLineOfTheFirstForeignByte() {
		// "Xă" in Windows-1258: 0xE3 is ă there, and a lead byte without continuation in
		// UTF-8
		byte[] text = { 'u', '\n', 'o', 'k', '\n', 'X', (byte) 0xE3, ' ', 'N', '\n' };
		assertThatThrownBy(() -> new Utf8CheckingInputStream(new ByteArrayInputStream(text)).readAllBytes())
			.isInstanceOfSatisfying(Utf8CheckingInputStream.NotUtf8Exception.class,
					(ex) -> assertThat(ex.line()).isEqualTo(3));
	}

	@Test
	void refusesATruncatedSequenceAtTheEnd() {
		byte[] text = { 'a', (byte) 0xE1 };
		assertThatThrownBy(() -> new Utf8CheckingInputStream(new ByteArrayInputStream(text)).readAllBytes())
			.isInstanceOf(Utf8CheckingInputStream.NotUtf8Exception.class);
	}

}
