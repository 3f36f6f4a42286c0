-- commune months owed, with the path up valid that month and the current submission
INSERT INTO {commune_month} (year, period, commune_code, commune_name, district_code, province_code, expected,
                                     submission_id, received_at, unit_valid_from, unit_valid_to)
SELECT :year, x.period, x.commune_code, x.commune_name, x.district_code, x.province_code,
       warehouse.owed(x.period, CAST(:asOf AS date), :dueDay), s.submission_id, s.received_at, x.valid_from, x.valid_to
FROM (
    SELECT p.period, p.period_text, c.code AS commune_code, c.name AS commune_name, c.valid_from, c.valid_to,
           CASE WHEN d.level = 'district' THEN d.code END AS district_code,
           CASE WHEN d.level = 'province' THEN d.code ELSE d.parent_code END AS province_code
    FROM warehouse.dim_period p
    JOIN ref.unit c ON c.level = 'commune' AND p.period >= c.valid_from AND p.period < c.valid_to
    JOIN ref.unit d ON d.code = c.parent_code AND p.period >= d.valid_from AND p.period < d.valid_to
    WHERE p.year = :year AND {slice c.code}
) x
LEFT JOIN (
    -- the year's current submissions, hashed (joined to each commune-month by an index, they took three times as long)
    SELECT unit_code, period, submission_id, received_at FROM ops.submission
    WHERE status = 'LOADED' AND period BETWEEN CAST(:year AS text) || '-01' AND CAST(:year AS text) || '-12'
) s ON s.unit_code = x.commune_code AND s.period = x.period_text
