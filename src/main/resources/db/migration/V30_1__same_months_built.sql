-- Why (issue 25): indicator_yoy compared a version that ended within the year (13327 until 2025-07-01) with the same
-- months of the year before by grouping the month rows of every such version in the view, for any question asked: a
-- ward's indicator_yoy took 0.33 s on the national bench, most of it that grouping over two million month rows. The
-- build now stores those months' figures with the year before's row (same_months_value, same_months_complete), from
-- the month rows it has at hand, and a unit's year over year reads them by index, as it reads the whole year.
ALTER TABLE warehouse.agg_indicator_year ADD COLUMN same_months_value numeric, ADD COLUMN same_months_complete boolean;
COMMENT ON COLUMN warehouse.agg_indicator_year.same_months_value IS 'For a unit version that ends within the next year: the value over the months of this year before the month it ends, a year later (the months its last year is compared with, cùng kỳ): their sum, or the value of the last of them reported, as the indicator says. NULL otherwise.';
COMMENT ON COLUMN warehouse.agg_indicator_year.same_months_complete IS 'Whether every commune-month owed in those months was submitted; NULL when same_months_value does not apply.';

-- the rows built before: the same figures the view computed
UPDATE warehouse.agg_indicator_year y
SET same_months_value = p.value, same_months_complete = p.complete
FROM (
    SELECT m.year, m.unit_code, m.level, m.indicator, m.unit_valid_from,
           CASE WHEN min(i.aggregation) = 'sum' THEN sum(m.value)
                ELSE (max(ARRAY[CAST(extract(month FROM m.period) AS numeric), m.value])
                          FILTER (WHERE m.value IS NOT NULL AND m.communes_submitted > 0))[2] END AS value,
           sum(m.communes_expected) > 0 AND sum(m.communes_submitted) >= sum(m.communes_expected) AS complete
    FROM warehouse.agg_indicator_month m
    JOIN ref.indicator i ON i.code = m.indicator
    WHERE m.unit_valid_to < make_date(m.year + 2, 1, 1) AND m.unit_valid_to > make_date(m.year + 1, 1, 1)
      AND m.period < (m.unit_valid_to - INTERVAL '1 year')::date
    GROUP BY m.year, m.unit_code, m.level, m.indicator, m.unit_valid_from
) p
WHERE p.year = y.year AND p.unit_code = y.unit_code AND p.level = y.level AND p.indicator = y.indicator
  AND p.unit_valid_from = y.unit_valid_from;

-- a unit's years (indicator_yoy for one ward): by its code, not by scanning each year
CREATE INDEX agg_indicator_year_unit_idx ON warehouse.agg_indicator_year (unit_code, level, indicator);
