-- clear
DELETE FROM {village_year} WHERE year = :year AND commune_code = ANY (:communes);
DELETE FROM {village_fact_months} WHERE year = :year AND commune_code = ANY (:communes);
DELETE FROM {agg_indicator_year} WHERE year = :year AND level = 'commune' AND unit_code = ANY (:communes);
DELETE FROM {agg_indicator_month} WHERE year = :year AND level = 'commune' AND unit_code = ANY (:communes);
DELETE FROM {fact_value} WHERE year = :year AND commune_code = ANY (:communes);
DELETE FROM {commune_month} WHERE year = :year AND commune_code = ANY (:communes)
