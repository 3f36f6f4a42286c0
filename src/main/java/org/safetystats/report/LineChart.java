package org.safetystats.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A line chart of months drawn with Java2D into a PNG (the report's "cùng kỳ" month by
 * month: this year and the year before, a point per month), with the bundled font and
 * colours of {@link BarChart}. A month without a value breaks its line.
 */
final class LineChart {

	private LineChart() {
	}

	/**
	 * Draws the chart.
	 * @param title title above the chart
	 * @param months labels along the axis
	 * @param series legend names, one per line
	 * @param values values[series][month], NaN when unknown
	 * @param label how a value is written above its point
	 */
	static byte[] png(String title, List<String> months, List<String> series, double[][] values,
			DoubleFunction<String> label) {
		int width = 900;
		List<String> lines = BarChart.titleLines(title, width - 40);
		int height = 330 + BarChart.titleShift(lines);
		int left = 50;
		int right = width - 30;
		int top = 60 + BarChart.titleShift(lines);
		int bottom = height - 70;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = BarChart.canvas(image, lines);
		try {
			double max = 0;
			for (double[] line : values) {
				for (double v : line) {
					max = Double.isNaN(v) ? max : Math.max(max, v);
				}
			}
			max = (max <= 0) ? 1 : max * 1.15;
			g.setFont(BarChart.font().deriveFont(11f));
			FontMetrics metrics = g.getFontMetrics();
			g.setColor(new Color(0xbbbbbb));
			g.drawLine(left, bottom, right, bottom);
			g.drawLine(left, top, left, bottom);
			g.setColor(Color.DARK_GRAY);
			String top0 = label.apply(max / 1.15);
			g.drawString(top0, left - 6 - metrics.stringWidth(top0), bottom - (int) ((bottom - top) / 1.15) + 4);
			g.drawString("0", left - 6 - metrics.stringWidth("0"), bottom + 4);
			double step = (double) (right - left) / Math.max(1, months.size() - 1);
			for (int m = 0; m < months.size(); m++) {
				String text = months.get(m);
				g.drawString(text, (int) (left + m * step - metrics.stringWidth(text) / 2.0), bottom + 16);
			}
			for (int s = 0; s < series.size(); s++) {
				Color colour = BarChart.COLORS[s % BarChart.COLORS.length];
				g.setStroke(new BasicStroke(2.2f));
				int[] previous = null;
				for (int m = 0; m < months.size(); m++) {
					double v = values[s][m];
					if (Double.isNaN(v)) {
						previous = null;
						continue;
					}
					int[] point = { (int) Math.round(left + m * step),
							(int) Math.round(bottom - (bottom - top) * v / max) };
					g.setColor(colour);
					if (previous != null) {
						g.drawLine(previous[0], previous[1], point[0], point[1]);
					}
					g.fillOval(point[0] - 4, point[1] - 4, 8, 8);
					String text = label.apply(v);
					// the year before's values below its points, this year's above
					int y = (s == 0) ? point[1] + 16 : point[1] - 7;
					g.drawString(text, point[0] - metrics.stringWidth(text) / 2, y);
					previous = point;
				}
			}
			BarChart.legend(g, series, left, bottom + 34);
		}
		finally {
			g.dispose();
		}
		return BarChart.encode(image);
	}

}
