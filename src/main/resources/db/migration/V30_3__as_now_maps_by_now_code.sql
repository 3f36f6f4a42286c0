-- Why: a ward or commune asked for alone (same_period_as_now(from, to, unit)) finds its predecessors and its villages
-- in the maps by the unit valid today; without an index each call read all of unit_map and village_map (twice per
-- window, about 8 ms of the 28 ms of each window at national scale).
CREATE INDEX unit_map_now_code_idx ON warehouse.unit_map (now_code);
CREATE INDEX village_map_now_code_idx ON warehouse.village_map (now_code);
