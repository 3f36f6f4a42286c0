-- Why: build-slice.sql and the traffic views named indicators (crime_cases, new_drug_addicts, camera_model,
-- traffic_accidents, traffic_deaths, traffic_injuries) in SQL literals, so changing the catalogue meant changing code.
-- The catalogue now says which warehouse measure an indicator feeds (config/indicators.csv, column feeds), and the
-- SQL reads that mapping. The measures are fixed by the warehouse's columns, so they are listed here, each with the
-- level of indicator that can feed it; an indicator feeding none (most) still shows in indicator_yoy and same_period.

CREATE TABLE ref.measure (
    code        text PRIMARY KEY,
    level       text NOT NULL CHECK (level IN ('unit', 'village')),
    description text NOT NULL,
    UNIQUE (code, level)
);
COMMENT ON TABLE ref.measure IS 'Warehouse measures an indicator of the catalogue can feed (ref.indicator.feeds); fixed by the warehouse columns.';
COMMENT ON COLUMN ref.measure.code IS 'Measure code, as written in the feeds column of config/indicators.csv.';
COMMENT ON COLUMN ref.measure.level IS 'Level of the indicator that can feed it: unit or village.';
COMMENT ON COLUMN ref.measure.description IS 'The warehouse columns it feeds.';

INSERT INTO ref.measure (code, level, description) VALUES
    ('accidents', 'unit', 'traffic_yoy.accidents (and prev_accidents): one of the three criteria of all_three_fell'),
    ('deaths', 'unit', 'traffic_yoy.deaths (and prev_deaths): one of the three criteria of all_three_fell'),
    ('injuries', 'unit', 'traffic_yoy.injuries (and prev_injuries): one of the three criteria of all_three_fell'),
    ('crime_free', 'village', 'village_year.crime_cases, summed over the year; a reported village at 0 counts in agg_village_year.crime_free'),
    ('drug_free', 'village', 'village_year.new_drug_addicts, summed over the year; a reported village at 0 counts in agg_village_year.drug_free'),
    ('camera_groups', 'village', 'village_year.camera_model_end, the flag of the last month reported; summed into agg_village_year.camera_groups');

ALTER TABLE ref.indicator ADD COLUMN feeds text UNIQUE;
ALTER TABLE ref.indicator ADD FOREIGN KEY (feeds, level) REFERENCES ref.measure (code, level);
COMMENT ON COLUMN ref.indicator.feeds IS 'Warehouse measure the indicator feeds (ref.measure), at most one indicator per measure; NULL: none beyond indicator_yoy and same_period.';

-- the catalogue loaded so far, until the next syncReference loads config/indicators.csv with its feeds column
UPDATE ref.indicator i SET feeds = m.measure
FROM (VALUES ('traffic_accidents', 'accidents'), ('traffic_deaths', 'deaths'), ('traffic_injuries', 'injuries'),
             ('crime_cases', 'crime_free'), ('new_drug_addicts', 'drug_free'), ('camera_model', 'camera_groups'))
     AS m (indicator, measure)
JOIN ref.measure r ON r.code = m.measure
WHERE i.code = m.indicator AND i.level = r.level;
