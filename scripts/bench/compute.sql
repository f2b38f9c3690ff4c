-- The ESEM indicators of frameworks/msi-toc.yaml, unweighted, written by hand for the sqlite3
-- shell: the best case for SQL. Input: the table `responses` that `.import --csv` made from the
-- bench's CSV (one row per response in file order, every column TEXT, '' for no answer; columns
-- round, language, submitted_at, then the survey's answered variables). Output (CSV on standard
-- output): indicator, round, breakdown, code, n, estimate — shares as 0–1, codes not labels, ''
-- for the "not answered" group. scripts/bench/compute.sh runs it and compares it with Samla.
--
-- The cleaning rules run as msi-toc declares them for esem-se, in the same order, each on what
-- the previous left:
--   1. test:         regex(${org_name}, '(?i)^\s*test') or contains(${comments}, 'Testsvar')
--   2. completeness: answered ÷ relevant answerable questions ≥ 0.8 (page and question relevance
--                    of surveys/esem-se.yaml, written out below; a matrix counts when any row is)
--   3. duplicates:   same trimmed, lower-cased (org_name, contact_email) as a response earlier in
--                    the round; responses with both empty are never duplicates
--   4. eligibility:  ${consent} = 'yes' and ${prio_imp} >= ${prio_fin}
-- Differences that do not matter for generated data: lower() and trim() are ASCII-only here
-- (Samla's are Unicode), and `\s` is matched as space, tab, CR and LF.

PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -262144;

-- Rules 1 and 2, and the columns the indicators need (typed, NULL for no answer).
CREATE TEMP TABLE candidates AS
SELECT * FROM (
    SELECT rowid AS id, round, consent, prio_fin, prio_imp, legal_form, stage, region,
        nullif(imm_status, '') AS imm_status,
        CAST(nullif(pol_support, '') AS INTEGER) AS pol_support,
        CAST(nullif(fin_met, '') AS INTEGER) AS fin_met,
        revenue_band,
        CAST(nullif(inc_public_contracts, '') AS INTEGER) AS inc_public_contracts,
        CAST(nullif(eco_score, '') AS INTEGER) AS eco_score,
        nullif(support_used, '') AS support_used,
        CASE WHEN collab = '' THEN NULL ELSE
            (instr(' ' || collab || ' ', ' public ') > 0) + (instr(' ' || collab || ' ', ' private ') > 0)
            + (instr(' ' || collab || ' ', ' civil ') > 0) + (instr(' ' || collab || ' ', ' academia ') > 0) END AS collab_k,
        CAST(nullif(mgmt_n, '') AS INTEGER) AS mgmt_n,
        CAST(nullif(mgmt_women, '') AS INTEGER) AS mgmt_women,
        target_any,
        CAST(nullif(fte, '') AS REAL) AS fte,
        CAST(nullif(fte_target, '') AS REAL) AS fte_target,
        CAST(nullif(volunteers, '') AS INTEGER) AS volunteers,
        lower(trim(org_name)) AS key_org, lower(trim(contact_email)) AS key_email,
        (lower(ltrim(org_name, ' ' || char(9, 10, 13))) LIKE 'test%' OR instr(comments, 'Testsvar') > 0) AS is_test,
        -- relevant answerable questions, page by page
        1
        + (consent = 'yes') * (
            4                                                            -- respondent
            + 9 + (registered = 'yes')                                   -- organisation
            + 2 + (target_any = 'yes')                                   -- mission
            + 5 + (CAST(fte AS REAL) > 0) + (CAST(fte AS REAL) > 0 AND target_any = 'yes') + (CAST(mgmt_n AS INTEGER) > 0)
            + 3                                                          -- finance
            + 8 * (revenue_band <> 'zero')                               -- income
            + 2 + 2 * (fin_sought = 'yes')                               -- financing
            + 2                                                          -- impact
            + 6                                                          -- environment
            + 4                                                          -- future
            + 1)                                                         -- closing
        + 2 * (imm_status IN ('yes', 'planning'))                        -- impact details
        + (recontact = 'yes') * (3 + (registered = 'yes'))               -- contact
        AS relevant,
        -- of those, the answered ones
        (consent <> '')
        + (consent = 'yes') * (
            (resp_role <> '') + (registered <> '') + (prio_fin <> '') + (prio_imp <> '')
            + (registered = 'yes') * (legal_form <> '')
            + (year_founded <> '') + (stage <> '') + (region <> '') + (scope <> '') + (sector <> '') + (sdg <> '')
            + (novelty <> '') + (tech_role <> '') + (customers <> '')
            + (target_any <> '') + (target_any = 'yes') * (target_groups <> '') + (impact_model <> '')
            + (fte <> '') + (CAST(fte AS REAL) > 0) * (fte_women <> '')
            + (CAST(fte AS REAL) > 0 AND target_any = 'yes') * (fte_target <> '')
            + (volunteers <> '') + (mgmt_n <> '') + (CAST(mgmt_n AS INTEGER) > 0) * (mgmt_women <> '')
            + (founder_gender <> '') + (voice_staff <> '' OR voice_benef <> '')
            + (surplus_use <> '') + (revenue_band <> '') + (result <> '')
            + (revenue_band <> 'zero') * ((inc_consumers <> '') + (inc_business <> '') + (inc_public_contracts <> '')
                + (inc_public_grants <> '') + (inc_foundations <> '') + (inc_donations <> '') + (inc_fees <> '') + (inc_other <> ''))
            + (fin_sought <> '') + (fin_sought = 'yes') * ((ext_fin <> '') + (fin_met <> '')) + (fin_need <> '')
            + (imm_status <> '') + (sdg_report <> '')
            + (barriers <> '') + (pol_support <> '') + (eco_score <> '') + (policy_wish <> '') + (support_used <> '') + (collab <> '')
            + (staff_exp <> '') + (growth_path <> '') + (msi_contact <> '') + (recontact <> '')
            + (comments <> ''))
        + (imm_status IN ('yes', 'planning')) * ((imm_purpose <> '') + (imm_method <> ''))
        + (recontact = 'yes') * ((org_name <> '') + (registered = 'yes') * (org_number <> '') + (contact_name <> '') + (contact_email <> ''))
        AS answered
    FROM responses
)
WHERE NOT is_test AND answered * 1.0 / relevant >= 0.8;

-- Rules 3 and 4: the first response of each key, then eligibility.
CREATE TEMP TABLE kept AS
SELECT * FROM candidates
WHERE (id IN (SELECT min(id) FROM candidates WHERE key_org <> '' OR key_email <> '' GROUP BY round, key_org, key_email)
       OR (key_org = '' AND key_email = ''))
  AND consent = 'yes' AND CAST(prio_imp AS INTEGER) >= CAST(prio_fin AS INTEGER);

-- Per grouping, the counts and sums the indicators need, each with its universe and missing
-- rule: n counts the responses in the base, _y those meeting a proportion's numerator.
CREATE TEMP TABLE by_total AS
SELECT round, '' AS code,
    count(imm_status) AS imm_n, sum(imm_status = 'yes') AS imm_y,
    count(*) AS valid_n,
    count(pol_support) AS pol_n, sum(pol_support <= 2) AS pol_y,
    count(fin_met) AS gap_n, sum(100 - fin_met) AS gap_sum,
    sum(revenue_band <> 'zero') AS pub_n, sum(revenue_band <> 'zero' AND coalesce(inc_public_contracts, 0) > 0) AS pub_y,
    count(eco_score) AS eco_n, sum(eco_score) AS eco_sum,
    count(support_used) AS sup_n, sum(instr(' ' || support_used || ' ', ' none ') = 0) AS sup_y,
    count(collab_k) AS cross_n, sum(collab_k >= 2) AS cross_y,
    sum(mgmt_n > 0) AS women_n, sum(mgmt_n > 0 AND coalesce(mgmt_women * 1.0 / mgmt_n >= 0.5, 0)) AS women_y,
    sum(target_any = 'yes' AND fte > 0 AND fte_target IS NOT NULL) AS staff_n,
    sum(CASE WHEN target_any = 'yes' AND fte > 0 THEN fte_target END) AS staff_num,
    sum(CASE WHEN target_any = 'yes' AND fte > 0 AND fte_target IS NOT NULL THEN fte END) AS staff_den,
    count(volunteers) AS vol_n, sum(volunteers) AS vol_sum
FROM kept GROUP BY round;

CREATE TEMP TABLE by_legal_form AS
SELECT round, legal_form AS code,
    count(imm_status) AS imm_n, sum(imm_status = 'yes') AS imm_y,
    count(pol_support) AS pol_n, sum(pol_support <= 2) AS pol_y,
    sum(revenue_band <> 'zero') AS pub_n, sum(revenue_band <> 'zero' AND coalesce(inc_public_contracts, 0) > 0) AS pub_y,
    count(collab_k) AS cross_n, sum(collab_k >= 2) AS cross_y,
    sum(target_any = 'yes' AND fte > 0 AND fte_target IS NOT NULL) AS staff_n,
    sum(CASE WHEN target_any = 'yes' AND fte > 0 THEN fte_target END) AS staff_num,
    sum(CASE WHEN target_any = 'yes' AND fte > 0 AND fte_target IS NOT NULL THEN fte END) AS staff_den
FROM kept GROUP BY round, legal_form;

CREATE TEMP TABLE by_stage AS
SELECT round, stage AS code,
    count(imm_status) AS imm_n, sum(imm_status = 'yes') AS imm_y,
    count(fin_met) AS gap_n, sum(100 - fin_met) AS gap_sum,
    count(eco_score) AS eco_n, sum(eco_score) AS eco_sum,
    sum(mgmt_n > 0) AS women_n, sum(mgmt_n > 0 AND coalesce(mgmt_women * 1.0 / mgmt_n >= 0.5, 0)) AS women_y
FROM kept GROUP BY round, stage;

CREATE TEMP TABLE by_region AS
SELECT round, region AS code, count(*) AS valid_n,
    count(support_used) AS sup_n, sum(instr(' ' || support_used || ' ', ' none ') = 0) AS sup_y
FROM kept GROUP BY round, region;

-- Medians of fte (R's rule: the mean of the two middle values when n is even), overall and by
-- legal form; the indexes give the windows their order without a sort.
CREATE INDEX temp.kept_fte ON kept(round, fte) WHERE fte IS NOT NULL;
CREATE INDEX temp.kept_form_fte ON kept(round, legal_form, fte) WHERE fte IS NOT NULL;
CREATE TEMP TABLE medians AS
SELECT round, '' AS breakdown, '' AS code, n, avg(fte) AS estimate
FROM (SELECT round, fte, row_number() OVER (PARTITION BY round ORDER BY fte) AS r, count(*) OVER (PARTITION BY round) AS n
      FROM kept WHERE fte IS NOT NULL)
WHERE r IN ((n + 1) / 2, (n + 2) / 2) GROUP BY round
UNION ALL
SELECT round, 'legal_form', legal_form, n, avg(fte)
FROM (SELECT round, legal_form, fte, row_number() OVER (PARTITION BY round, legal_form ORDER BY fte) AS r,
             count(*) OVER (PARTITION BY round, legal_form) AS n
      FROM kept WHERE fte IS NOT NULL)
WHERE r IN ((n + 1) / 2, (n + 2) / 2) GROUP BY round, legal_form;

.headers on
.mode csv
SELECT 'imm_share' AS indicator, round, '' AS breakdown, code, imm_n AS n, imm_y * 1.0 / imm_n AS estimate FROM by_total
UNION ALL SELECT 'imm_share', round, 'legal_form', code, imm_n, imm_y * 1.0 / imm_n FROM by_legal_form
UNION ALL SELECT 'imm_share', round, 'stage', code, imm_n, imm_y * 1.0 / imm_n FROM by_stage
UNION ALL SELECT 'esem_valid_n', round, '', code, valid_n, valid_n FROM by_total
UNION ALL SELECT 'esem_valid_n', round, 'region', code, valid_n, valid_n FROM by_region
UNION ALL SELECT 'low_political_support', round, '', code, pol_n, pol_y * 1.0 / pol_n FROM by_total
UNION ALL SELECT 'low_political_support', round, 'legal_form', code, pol_n, pol_y * 1.0 / pol_n FROM by_legal_form
UNION ALL SELECT 'funding_gap', round, '', code, gap_n, gap_sum / (100.0 * gap_n) FROM by_total
UNION ALL SELECT 'funding_gap', round, 'stage', code, gap_n, gap_sum / (100.0 * gap_n) FROM by_stage
UNION ALL SELECT 'public_market', round, '', code, pub_n, pub_y * 1.0 / pub_n FROM by_total
UNION ALL SELECT 'public_market', round, 'legal_form', code, pub_n, pub_y * 1.0 / pub_n FROM by_legal_form
UNION ALL SELECT 'eco_score', round, '', code, eco_n, eco_sum * 1.0 / eco_n FROM by_total
UNION ALL SELECT 'eco_score', round, 'stage', code, eco_n, eco_sum * 1.0 / eco_n FROM by_stage
UNION ALL SELECT 'support_received', round, '', code, sup_n, sup_y * 1.0 / sup_n FROM by_total
UNION ALL SELECT 'support_received', round, 'region', code, sup_n, sup_y * 1.0 / sup_n FROM by_region
UNION ALL SELECT 'cross_sector_ses', round, '', code, cross_n, cross_y * 1.0 / cross_n FROM by_total
UNION ALL SELECT 'cross_sector_ses', round, 'legal_form', code, cross_n, cross_y * 1.0 / cross_n FROM by_legal_form
UNION ALL SELECT 'women_led', round, '', code, women_n, women_y * 1.0 / women_n FROM by_total
UNION ALL SELECT 'women_led', round, 'stage', code, women_n, women_y * 1.0 / women_n FROM by_stage
UNION ALL SELECT 'target_group_staff', round, '', code, staff_n, staff_num / staff_den FROM by_total
UNION ALL SELECT 'target_group_staff', round, 'legal_form', code, staff_n, staff_num / staff_den FROM by_legal_form
UNION ALL SELECT 'median_staff', round, breakdown, code, n, estimate FROM medians
UNION ALL SELECT 'volunteers_total', round, '', code, vol_n, vol_sum FROM by_total;
