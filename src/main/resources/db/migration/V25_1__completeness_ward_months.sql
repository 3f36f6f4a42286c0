-- Why: an incremental refresh recomputed the last three months for every ward and commune (13,000 rows at national
-- scale, a quarter of a second) when one ward resubmitted; it now recomputes the ward-months submissions touched, and
-- whole months only where the clock moves a status (months still not due, months come due since). The due-date
-- settings are now part of the fingerprint, so that changing them recomputes every month.
COMMENT ON TABLE warehouse.completeness_state IS 'Each refresh of warehouse.completeness: up to which submission change, with which catalogue and due-date settings, and how many whole months it recomputed (besides the ward-months submissions touched).';
COMMENT ON COLUMN warehouse.completeness_state.reference_hash IS 'Fingerprint of the reference catalogues, then the due day and time zone (safetystats.due-day-of-month, safetystats.zone); a change of either recomputes every month.';
COMMENT ON COLUMN warehouse.completeness_state.months IS 'Whole months recomputed for every ward and commune: -1 for all of them (first refresh, catalogues or settings changed), 0 when nothing was submitted since a refresh the same day; the ward-months submissions touched are recomputed besides.';
