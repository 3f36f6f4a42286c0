package org.safetystats.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.DoubleFunction;

import javax.imageio.ImageIO;

/**
 * A grouped bar chart drawn with Java2D into a PNG, with the bundled DejaVu Sans so that
 * Vietnamese labels render the same on any machine (no system font needed).
 */
final class BarChart {

	static final Color[] COLORS = { new Color(0x1f4e79), new Color(0xc0504d), new Color(0x9bbb59),
			new Color(0x8064a2) };

	private static final Font FONT = loadFont();

	private static final Font TITLE = FONT.deriveFont(Font.BOLD, 17f);

	private BarChart() {
	}

	/**
	 * Draws the chart.
	 * @param title title above the chart
	 * @param categories labels along the axis
	 * @param series legend names, one per series
	 * @param values values[series][category], NaN when unknown
	 * @param label how a value is written on its bar
	 */
	static byte[] png(String title, List<String> categories, List<String> series, double[][] values,
			DoubleFunction<String> label) {
		return png(title, categories, series, values, label, 900);
	}

	/** The same chart drawn {@code width} pixels wide (a half-page chart: 520). */
	static byte[] png(String title, List<String> categories, List<String> series, double[][] values,
			DoubleFunction<String> label, int width) {
		List<String> lines = titleLines(title, width - 40);
		int height = 380 + titleShift(lines);
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = canvas(image, lines);
		try {
			draw(g, categories, series, values, label,
					new int[] { 60, 60 + titleShift(lines), width - 20, height - 70 });
		}
		finally {
			g.dispose();
		}
		return encode(image);
	}

	private static void draw(Graphics2D g, List<String> categories, List<String> series, double[][] values,
			DoubleFunction<String> label, int[] box) {
		int left = box[0];
		int top = box[1];
		int right = box[2];
		int bottom = box[3];
		double max = 0;
		for (double[] row : values) {
			for (double v : row) {
				max = Double.isNaN(v) ? max : Math.max(max, v);
			}
		}
		max = (max <= 0) ? 1 : max * 1.15;
		g.setColor(new Color(0xbbbbbb));
		g.setStroke(new BasicStroke(1f));
		g.drawLine(left, bottom, right, bottom);
		double slot = (double) (right - left) / categories.size();
		double bar = Math.min(40, slot * 0.8 / series.size());
		g.setFont(FONT.deriveFont(11f));
		FontMetrics metrics = g.getFontMetrics();
		for (int c = 0; c < categories.size(); c++) {
			double groupLeft = left + c * slot + (slot - bar * series.size()) / 2;
			for (int s = 0; s < series.size(); s++) {
				double v = values[s][c];
				if (Double.isNaN(v)) {
					continue;
				}
				int h = (int) Math.round((bottom - top) * v / max);
				int x = (int) Math.round(groupLeft + s * bar);
				g.setColor(COLORS[s % COLORS.length]);
				g.fillRect(x, bottom - h, (int) Math.max(1, bar - 2), h);
				g.setColor(Color.DARK_GRAY);
				String text = label.apply(v);
				g.drawString(text, x + (int) (bar - 2 - metrics.stringWidth(text)) / 2, bottom - h - 4);
			}
			String category = categories.get(c);
			while (metrics.stringWidth(category) > slot - 4 && category.length() > 3) {
				category = category.substring(0, category.length() - 2) + "…";
			}
			g.drawString(category, (int) (left + c * slot + (slot - metrics.stringWidth(category)) / 2), bottom + 16);
		}
		legend(g, series, left, bottom + 34);
	}

	/**
	 * Draws the chart with a row per category, its full name on the left and its bars to
	 * the right, each value at the end of its bar: names never cut, labels never
	 * overlapping, however many categories (the image grows with them).
	 * @param title title above the chart
	 * @param categories the rows' names
	 * @param series legend names, one per series
	 * @param values values[series][category], NaN when unknown
	 * @param label how a value is written beside its bar
	 */
	static byte[] horizontalPng(String title, List<String> categories, List<String> series, double[][] values,
			DoubleFunction<String> label) {
		int width = 900;
		int bar = 13;
		int row = series.size() * bar + 9;
		List<String> lines = titleLines(title, width - 40);
		int top = 48 + titleShift(lines);
		int height = top + categories.size() * row + 44;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = canvas(image, lines);
		try {
			g.setFont(FONT.deriveFont(12f));
			FontMetrics metrics = g.getFontMetrics();
			int names = 0;
			for (String category : categories) {
				names = Math.max(names, metrics.stringWidth(category));
			}
			int left = 20 + Math.min(names, width / 3) + 10;
			int right = width - 70;
			double max = 0;
			for (double[] line : values) {
				for (double v : line) {
					max = Double.isNaN(v) ? max : Math.max(max, v);
				}
			}
			max = (max <= 0) ? 1 : max;
			for (int c = 0; c < categories.size(); c++) {
				int y = top + c * row;
				g.setColor(Color.DARK_GRAY);
				g.drawString(categories.get(c), 20, y + (row + metrics.getAscent()) / 2 - 3);
				for (int s = 0; s < series.size(); s++) {
					double v = values[s][c];
					if (Double.isNaN(v)) {
						continue;
					}
					int length = (int) Math.round((right - left) * v / max);
					g.setColor(COLORS[s % COLORS.length]);
					g.fillRect(left, y + s * bar, Math.max(1, length), bar - 2);
					g.setColor(Color.DARK_GRAY);
					g.setFont(FONT.deriveFont(10.5f));
					g.drawString(label.apply(v), left + length + 4, y + s * bar + bar - 3);
					g.setFont(FONT.deriveFont(12f));
				}
			}
			g.setColor(new Color(0xbbbbbb));
			g.drawLine(left, top - 4, left, top + categories.size() * row);
			legend(g, series, 20, top + categories.size() * row + 18);
		}
		finally {
			g.dispose();
		}
		return encode(image);
	}

	/**
	 * A chart's white canvas, anti-aliased, with its title on top in the lines
	 * {@link #titleLines} broke it into; the caller disposes of it.
	 */
	static Graphics2D canvas(BufferedImage image, List<String> title) {
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		g.setColor(Color.DARK_GRAY);
		g.setFont(TITLE);
		for (int i = 0; i < title.size(); i++) {
			g.drawString(title.get(i), 20, 28 + 22 * i);
		}
		return g;
	}

	/** How far a title's lines after the first push the chart below it down. */
	static int titleShift(List<String> title) {
		return 22 * (title.size() - 1);
	}

	/**
	 * A chart's title in lines that fit the width, broken between words (a long title, as
	 * that of a province's lowest shares, is never cut).
	 */
	static List<String> titleLines(String title, int width) {
		BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = scratch.createGraphics();
		try {
			FontMetrics metrics = g.getFontMetrics(TITLE);
			List<String> lines = new java.util.ArrayList<>();
			StringBuilder line = new StringBuilder();
			for (String word : title.split(" ")) {
				if (line.length() > 0 && metrics.stringWidth(line + " " + word) > width) {
					lines.add(line.toString());
					line.setLength(0);
				}
				line.append((line.length() > 0) ? " " : "").append(word);
			}
			lines.add(line.toString());
			return lines;
		}
		finally {
			g.dispose();
		}
	}

	/** The series' colours and names in a line from (x, y). */
	static void legend(Graphics2D g, List<String> series, int x, int y) {
		g.setFont(FONT.deriveFont(12f));
		for (int s = 0; s < series.size(); s++) {
			g.setColor(COLORS[s % COLORS.length]);
			g.fillRect(x, y, 12, 12);
			g.setColor(Color.DARK_GRAY);
			g.drawString(series.get(s), x + 18, y + 11);
			x += 30 + g.getFontMetrics().stringWidth(series.get(s));
		}
	}

	static byte[] encode(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static Font font() {
		return FONT;
	}

	static InputStream fontStream(String file) {
		InputStream in = BarChart.class.getResourceAsStream("fonts/" + file);
		if (in == null) {
			throw new IllegalStateException("Font " + file + " missing from the application");
		}
		return in;
	}

	private static Font loadFont() {
		try (InputStream in = fontStream("DejaVuSans.ttf")) {
			return Font.createFont(Font.TRUETYPE_FONT, in);
		}
		catch (IOException | FontFormatException ex) {
			throw new IllegalStateException("Cannot load the report font: " + ex.getMessage(), ex);
		}
	}

}
