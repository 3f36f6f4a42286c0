package org.safetystats.console;

import org.safetystats.warehouse.DataDictionary;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The data dictionary ({@code /dictionary}): every table, view and function of the
 * warehouse an analyst may use, with its columns and their meaning as the database's own
 * comments say, and an example query each ({@link DataDictionary}, which
 * docs/warehouse.md is written from too).
 */
@Controller
class DictionaryController {

	private final DataDictionary dictionary;

	DictionaryController(DataDictionary dictionary) {
		this.dictionary = dictionary;
	}

	@GetMapping("/dictionary")
	String dictionary(Model model) {
		model.addAttribute("entries", this.dictionary.entries());
		return "dictionary";
	}

}
