package org.safetystats.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.safetystats.template.MonthTemplate;
import org.safetystats.template.SubmissionTemplates;
import org.safetystats.template.TemplateFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The month's template of a unit to download ({@code /units/{unit}/template}), XLSX with
 * the Vietnamese instructions or CSV: what the {@code template} command writes. A clerk
 * reaches only its own units.
 */
@Controller
class TemplateController {

	private final SubmissionTemplates templates;

	TemplateController(SubmissionTemplates templates) {
		this.templates = templates;
	}

	@GetMapping("/units/{unit}/template")
	ResponseEntity<byte[]> template(@PathVariable String unit, @RequestParam String period,
			@RequestParam(defaultValue = "xlsx") String format, Authentication user) throws IOException {
		UnitController.require(user, unit, false);
		TemplateFormat chosen = TemplateFormat.of(format);
		MonthTemplate template = this.templates.describe(unit, UnitController.month(period));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.templates.write(unit, UnitController.month(period), chosen, out);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(chosen.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(template.fileName(chosen)).build().toString())
			.body(out.toByteArray());
	}

}
