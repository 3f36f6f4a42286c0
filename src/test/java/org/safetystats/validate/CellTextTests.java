package org.safetystats.validate;

import org.apache.poi.xssf.model.SharedStringsTable;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A workbook cell becomes the text a CSV file would hold for it. */
class CellTextTests {

	@ParameterizedTest(name = "{0} \"{1}\" formatted {2} -> \"{3}\"")
	@CsvSource(nullValues = "-", delimiter = '|', textBlock = """
			-   | 14320                 | General    | 14320
			n   | 3.0                   | General    | 3
			-   | 3                     | 0.00       | 3
			-   | 1000                  | #,##0      | 1000
			-   | 3.5                   | General    | 3.5
			-   | 1.4320000000000001E4  | General    | 14320
			-   | 2.9999999999999996    | General    | 3
			-   | 0.30000000000000004   | General    | 0.3
			-   | 4                     | 00000      | 00004
			-   | 14320                 | 000        | 14320
			-   | -1                    | General    | -1
			-   | 43525                 | mmm-yy     | 2019-03
			-   | 43525                 | yyyy-mm    | 2019-03
			-   | 43525                 | dd/mm/yyyy | 2019-03-01
			-   | 43525.5               | dd/mm/yyyy h:mm | 2019-03-01T12:00:00
			-   | 1E+400                | General    | 1E+400
			-   | 5E-999999999          | General    | 5E-999999999
			-   | ''                    | General    | ''
			b   | 1                     | General    | TRUE
			e   | #DIV/0!               | General    | #DIV/0!
			str | 007                   | General    | 007
			s   | 0                     | General    | 00004
			""")
	void readsACellAsCsvText(String type, String raw, String format, String expected) {
		SharedStringsTable strings = new SharedStringsTable();
		strings.addSharedStringItem(new XSSFRichTextString("00004"));
		StylesTable styles = new StylesTable();
		XSSFCellStyle style = styles.createCellStyle();
		style.setDataFormat(styles.putNumberFormat(format));
		assertThat(new CellText(strings, styles).of(type, raw, style.getIndex())).isEqualTo(expected);
	}

}
