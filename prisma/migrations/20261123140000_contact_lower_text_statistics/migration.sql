-- Planner statistics for the lower-cased text columns the segment engine compares
-- (lower(col) = ANY(...), strpos(lower(col), ...)): without them PostgreSQL guesses 0.5%
-- for "country in [United States, Canada]" when it is half the contacts, and picks nested
-- loops that probe per contact. Statistics objects only (no index, nothing to maintain on
-- write; ANALYZE fills them). Not modelled by Prisma, so they never show up as drift.
CREATE STATISTICS "Contact_lower_country_stats" ON (lower("country")) FROM "Contact";
CREATE STATISTICS "Contact_lower_state_stats" ON (lower("state")) FROM "Contact";
CREATE STATISTICS "Contact_lower_city_stats" ON (lower("city")) FROM "Contact";
CREATE STATISTICS "Contact_lower_source_stats" ON (lower("source")) FROM "Contact";
CREATE STATISTICS "Contact_lower_timezone_stats" ON (lower("timezone")) FROM "Contact";
CREATE STATISTICS "Contact_lower_job_title_stats" ON (lower("jobTitle")) FROM "Contact";
