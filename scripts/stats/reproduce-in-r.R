# Reproduces the figures of Samla's `results.csv` in R with the `survey` package, from what MSI
# shares with a researcher outside it and nothing else: each round's `samla export --framework`
# (without personal data: responses.csv, codebook.csv, results.csv, provenance.json), read as that
# researcher would (docs/exports.md; docs/statistics.md, "Reproducing the figures in R"). For every
# round it builds the design provenance.json describes (weight 1 each, or an indicator's weight,
# strata and fpc; then postStratify, rake or calibrate to the round's population figures), computes
# every cell of every indicator (the base by `universe`, the groups by `disaggregate`), and holds n,
# estimate, SE, interval, deff, n_effective, the interval note, suppression, target, status and the
# change since the previous folder's round against Samla's. Prints each mismatch and exits 1 on any
# (and when a figure cannot be computed from the files), 0 when all agree to 6e-7 (results.csv
# writes six decimals) or 1e-9 relative (iterative calibration, below).
#
#   Rscript scripts/stats/reproduce-in-r.R [--verbose] EXPORT_DIR...
#
# EXPORT_DIRs are exports of one framework, the rounds of a survey in the framework's order (a
# change is taken from the previous folder of the same survey). The indicators' expressions are
# translated by hand below, as a researcher would from provenance.json; an expression there that is
# not below is a failure, so that the script never checks a definition the framework no longer has.
# Needs R's survey and jsonlite (Debian: r-base-core r-cran-survey r-cran-jsonlite).
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

LEVEL <- 0.95
TOLERANCE <- 6e-7         # results.csv writes six decimals: a rounding leaves at most 5e-7
RELATIVE <- 1e-9          # iterative calibration (raking, bounds) stops within 1e-7 of each target, in
                          # R and in Samla alike; their figures then differ by rounding, to 1e-11 relative
Z <- qnorm((1 + LEVEL) / 2)
STATUS <- list(met = c("uppnått", "met"), on = c("i fas", "on track"), off = c("inte i fas", "off track"),
               missed = c("inte uppnått", "not met"))

arguments <- commandArgs(trailingOnly = TRUE)
verbose <- "--verbose" %in% arguments
folders <- setdiff(arguments, "--verbose")
if (length(folders) == 0) stop("usage: Rscript scripts/stats/reproduce-in-r.R [--verbose] EXPORT_DIR...")

# ---------------------------------------------------------------- checking

checked <- 0
compared <- numeric(0)    # numbers compared, by column
largest_relative <- 0     # the largest relative difference beyond the rounding of six decimals
failures <- character(0)
fail <- function(where, what) failures <<- c(failures, paste0(where, ": ", what))

same_number <- function(where, name, samla, mine) {
  checked <<- checked + 1
  s <- if (is.na(samla) || samla == "") NA_real_ else as.numeric(samla)
  mine <- if (length(mine) == 0) NA_real_ else unname(mine[[1]])
  ok <- if (is.na(s) || is.na(mine)) is.na(s) && is.na(mine)
        else abs(s - mine) <= TOLERANCE + RELATIVE * abs(mine)
  if (!is.na(s) && !is.na(mine) && mine != 0 && abs(s - mine) > TOLERANCE)
    largest_relative <<- max(largest_relative, abs(s - mine) / abs(mine))
  shown <- if (is.na(mine)) "" else formatC(mine, digits = 6, format = "f")
  if (!ok) fail(where, sprintf("%s Samla '%s', R '%s'", name, samla, shown))
  if (!is.na(mine)) compared[name] <<- (if (is.na(compared[name])) 0 else compared[name]) + 1
  if (verbose && ok) cat(sprintf("  ok %-58s %-12s %14s\n", where, name, shown))
}

same_text <- function(where, name, samla, mine) {
  checked <<- checked + 1
  mine <- as.character(unname(mine))
  if (!identical(samla, mine)) fail(where, sprintf("%s Samla '%s', R '%s'", name, samla, mine))
}

# ---------------------------------------------------------------- reading an export

read_table <- function(path) {
  read.csv(path, colClasses = "character", na.strings = character(0), check.names = FALSE,
           fileEncoding = "UTF-8-BOM")
}

# docs/exports.md, "Spreadsheet safety": a text cell that starts like a formula has an apostrophe.
unapostrophe <- function(x) sub("^'(?='*[=+\\-@\t\r])", "", x, perl = TRUE)

# `code, label | code, label` as codebook.csv lists a choice list (a label may hold commas).
choice_codes <- function(cell) {
  if (cell == "") return(character(0))
  parts <- strsplit(unapostrophe(cell), " | ", fixed = TRUE)[[1]]
  unapostrophe(sub(", .*$", "", parts))
}

read_round <- function(folder) {
  provenance <- fromJSON(file.path(folder, "provenance.json"), simplifyVector = FALSE)
  data <- read_table(file.path(folder, "responses.csv"))
  data[] <- lapply(data, unapostrophe)
  codebook <- read_table(file.path(folder, "codebook.csv"))
  results <- read_table(file.path(folder, "results.csv"))
  results$group_code <- unapostrophe(results$group_code)
  list(folder = folder, name = provenance$round$name, provenance = provenance, data = data,
       codebook = codebook, results = results)
}

# The column of a definition's variable (codebook.csv's `variable` to `column`), NULL when the
# export has none (personal data, free text, a question the partner profile leaves out).
column_of <- function(round, variable) {
  cb <- round$codebook
  hit <- cb$column[cb$variable == variable & cb$question_type != "select_multiple"]
  if (length(hit) == 0 || !(hit[1] %in% names(round$data))) NULL else hit[1]
}

# A column's codes as the definition writes them, named by the codes the data file writes (a
# partner package's `export_as` codes): codebook.csv's `definition_codes`, NULL when they are the same.
definition_codes <- function(round, column) {
  cb <- round$codebook
  cell <- if ("definition_codes" %in% names(cb)) cb$definition_codes[cb$column == column] else ""
  if (length(cell) == 0 || cell == "") return(NULL)
  pairs <- strsplit(cell, " | ", fixed = TRUE)[[1]]
  setNames(unapostrophe(sub("^.* = ", "", pairs)), unapostrophe(sub(" = .*$", "", pairs)))
}

# A variable's answers as text in the definition's codes (which provenance.json's expressions and
# weighting use), "" for no answer.
answers <- function(round, variable) {
  column <- column_of(round, variable)
  if (is.null(column)) stop(sprintf("no column for %s in %s", variable, round$folder), call. = FALSE)
  x <- round$data[[column]]
  codes <- definition_codes(round, column)
  if (is.null(codes)) x else ifelse(x %in% names(codes), codes[x], x)
}

options_of <- function(round, variable) {
  cb <- round$codebook
  rows <- cb[cb$variable == variable & cb$question_type == "select_multiple" & cb$option != "", ]
  rows <- rows[rows$column %in% names(round$data), ]
  if (nrow(rows) == 0) stop(sprintf("no columns for %s in %s", variable, round$folder), call. = FALSE)
  codes <- sapply(seq_len(nrow(rows)), function(k) {
    renamed <- definition_codes(round, rows$column[k])
    if (is.null(renamed)) unapostrophe(rows$option[k]) else renamed[[1]]
  })
  setNames(round$data[rows$column], codes)
}

# The codes of a breakdown's groups in the codebook's order (the first choices_LANG column), as
# the data file writes them.
group_codes <- function(round, variable) {
  cb <- round$codebook
  row <- cb[cb$variable == variable, ][1, ]
  lists <- grep("^choices_", names(cb), value = TRUE)
  choice_codes(row[[lists[1]]])
}

# ---------------------------------------------------------------- the framework's expressions, by hand

number <- function(x) suppressWarnings(as.numeric(ifelse(x == "", NA, x)))
decided <- function(x, value) ifelse(x == "", NA, as.numeric(value))

# docs/expressions.md: a comparison with an empty answer is false; a numerator is missing (NA)
# when the answers given do not decide it (docs/framework-format.md, "What each kind computes").
EXPRESSIONS <- list(
  "${used_research} = 'yes'" = function(r) { x <- answers(r, "used_research"); decided(x, x == "yes") },
  "${imm_status} = 'yes'" = function(r) { x <- answers(r, "imm_status"); decided(x, x == "yes") },
  "${new_contacts_cross} = 1" = function(r) { x <- answers(r, "new_contacts_cross"); decided(x, number(x) == 1) },
  "${usefulness} >= 4" = function(r) { x <- answers(r, "usefulness"); decided(x, number(x) >= 4) },
  "${pol_support} <= 2" = function(r) { x <- answers(r, "pol_support"); decided(x, number(x) <= 2) },
  "100 - ${fin_met}" = function(r) 100 - number(answers(r, "fin_met")),
  "100" = function(r) rep(100, nrow(r$data)),
  "coalesce(${inc_public_contracts}, 0) > 0" = function(r) {
    x <- number(answers(r, "inc_public_contracts")); as.numeric(ifelse(is.na(x), 0, x) > 0)
  },
  "${eco_score}" = function(r) number(answers(r, "eco_score")),
  "not(selected(${support_used}, 'none'))" = function(r) {
    o <- options_of(r, "support_used")
    unanswered <- apply(o == "", 1, all)
    ifelse(unanswered, NA, as.numeric(o[["none"]] != "1"))
  },
  "number(${collab_k}) >= 2" = function(r) { x <- answers(r, "collab_k"); decided(x, number(x) >= 2) },
  "${mgmt_women} div ${mgmt_n} >= 0.5" = function(r) {
    share <- number(answers(r, "mgmt_women")) / number(answers(r, "mgmt_n"))
    ifelse(is.finite(share), as.numeric(share >= 0.5), NA)
  },
  "${fte_target}" = function(r) number(answers(r, "fte_target")),
  "${fte}" = function(r) number(answers(r, "fte")),
  "${volunteers}" = function(r) number(answers(r, "volunteers")),
  "${views_sectors} >= 3" = function(r) { x <- answers(r, "views_sectors"); decided(x, number(x) >= 3) },
  "${new_contacts}" = function(r) number(answers(r, "new_contacts")),
  "${hours}" = function(r) number(answers(r, "hours"))
)

UNIVERSES <- list(
  "${active} = 'yes'" = function(r) answers(r, "active") == "yes",
  "${fin_sought} = 'yes'" = function(r) answers(r, "fin_sought") == "yes",
  "${revenue_band} != 'zero'" = function(r) { x <- answers(r, "revenue_band"); x != "" & x != "zero" },
  "${mgmt_n} > 0" = function(r) { x <- number(answers(r, "mgmt_n")); !is.na(x) & x > 0 },
  "${target_any} = 'yes' and ${fte} > 0" = function(r) {
    x <- number(answers(r, "fte")); answers(r, "target_any") == "yes" & !is.na(x) & x > 0
  }
)

expression_of <- function(table, text, id) {
  f <- table[[text]]
  if (is.null(f)) stop(sprintf("%s: the expression %s is not translated here", id, text), call. = FALSE)
  f
}

# ---------------------------------------------------------------- the design, as provenance.json describes it

# A factor of a weighting variable with its codes in the codebook's order.
coded <- function(round, variable, codes) factor(answers(round, variable), levels = codes)

design_of <- function(round, indicator) {
  d <- round$data
  d$.one <- 1
  if (!is.null(indicator$weight)) {
    d$.w <- number(answers(round, indicator$weight))
    strata <- if (is.null(indicator$strata)) NULL else { d$.s <- answers(round, indicator$strata); ~.s }
    fpc <- if (is.null(indicator$fpc)) NULL else { d$.f <- number(answers(round, indicator$fpc)); ~.f }
    base <- svydesign(ids = ~1, strata = strata, weights = ~.w, fpc = fpc, data = d)
  } else {
    base <- svydesign(ids = ~1, weights = ~.one, data = d)
  }
  w <- round$provenance$weighting
  if (!isTRUE(w$applied) || indicator$id %in% unlist(w$notWeighted)) return(base)
  margins <- names(w$counts)
  for (m in margins) base$variables[[paste0(".m_", m)]] <- coded(round, m, names(w$counts[[m]]))
  population <- function(m) {
    p <- data.frame(names(w$counts[[m]]), unlist(w$counts[[m]]))
    names(p) <- c(paste0(".m_", m), "Freq")
    p
  }
  if (w$method == "post-stratification") {
    return(postStratify(base, as.formula(paste0("~.m_", margins)), population(margins)))
  }
  if (w$method == "raking") {
    return(rake(base, lapply(paste0("~.m_", margins), as.formula), lapply(margins, population)))
  }
  totals <- names(w$totals)
  for (t in totals) base$variables[[paste0(".t_", t)]] <- number(answers(round, t))
  terms <- c(paste0(".m_", margins), paste0(".t_", totals))
  targets <- c(`(Intercept)` = w$population)
  for (m in margins) {
    counts <- unlist(w$counts[[m]])
    targets <- c(targets, setNames(counts[-1], paste0(".m_", m, names(counts)[-1])))
  }
  for (t in totals) targets[paste0(".t_", t)] <- w$totals[[t]]
  bounds <- if (is.null(w$bounds)) c(-Inf, Inf) else unlist(w$bounds)
  calfun <- switch(w$calibrationMethod, linear = "linear", raking = "raking", logit = "logit")
  suppressWarnings(calibrate(base, as.formula(paste("~", paste(terms, collapse = " + "))), population = targets,
                             calfun = calfun, bounds = bounds))
}

weighted <- function(round, indicator) {
  !is.null(indicator$weight) ||
    (isTRUE(round$provenance$weighting$applied) && !(indicator$id %in% unlist(round$provenance$weighting$notWeighted)))
}

# ---------------------------------------------------------------- estimates (docs/statistics.md)

interval_of_ratio <- function(r, se, q, y, x) {
  nonnegative <- all(y >= 0) && all(x >= 0)
  share <- nonnegative && all(y <= x)
  if (nonnegative && r == 0) return(list(ci = NULL, note = "ratio-at-zero"))
  if (share && r == 1) return(list(ci = NULL, note = "share-at-one"))
  if (share) return(list(ci = plogis(qlogis(r) + c(-1, 1) * q * se / (r * (1 - r)))))
  if (nonnegative) return(list(ci = r * exp(c(-1, 1) * q * se / r)))
  list(ci = r + c(-1, 1) * q * se)
}

unweighted_estimate <- function(kind, y, x) {
  n <- length(y)
  if (kind %in% c("count", "total")) {
    return(list(kind = kind, estimate = sum(y), se = NA, ci = NULL, note = "descriptive-tally", n = n))
  }
  if (kind == "proportion") {
    p <- mean(y)
    ci <- suppressWarnings(prop.test(sum(y), n, correct = FALSE, conf.level = LEVEL))$conf.int
    return(list(kind = kind, estimate = p, se = sqrt(p * (1 - p) / n), ci = as.numeric(ci), n = n))
  }
  if (kind == "median") {
    s <- sort(y)
    low <- qbinom((1 - LEVEL) / 2, n, 0.5)
    if (low == 0) return(list(kind = kind, estimate = median(y), se = NA, ci = NULL, note = "too-few-for-level", n = n))
    coverage <- 1 - 2 * pbinom(low - 1, n, 0.5)
    ci <- c(s[low], s[n + 1 - low])
    return(list(kind = kind, estimate = median(y), se = diff(ci) / (2 * qnorm((1 + coverage) / 2)), ci = ci, n = n))
  }
  d <- data.frame(y = y, x = if (is.null(x)) 1 else x)
  design <- svydesign(ids = ~1, weights = rep(1, n), data = d)
  q <- if (n > 1) qt((1 + LEVEL) / 2, n - 1) else NA
  if (kind == "mean") {
    if (n < 2) return(list(kind = kind, estimate = y, se = NA, ci = NULL, note = "single-observation", n = n, values = y))
    m <- svymean(~y, design)
    return(list(kind = kind, estimate = coef(m)[[1]], se = SE(m)[[1]],
                ci = as.numeric(confint(m, df = degf(design), level = LEVEL)), n = n, values = y))
  }
  r <- svyratio(~y, ~x, design)
  estimate <- coef(r)[[1]]
  se <- SE(r)[[1]]
  c(list(kind = kind, estimate = estimate, se = se, n = n), interval_of_ratio(estimate, se, q, y, x))
}

weighted_estimate <- function(kind, design, domain, y, x) {
  design$variables$.y <- ifelse(domain, y, 0)
  design$variables$.x <- if (is.null(x)) 1 else ifelse(domain, x, 1)
  cell <- design[domain, ]
  w <- weights(cell)[weights(cell) > 0]
  result <- list(kind = kind, n_effective = sum(w)^2 / sum(w^2), n = sum(domain))
  deff_of <- function(e) { value <- as.numeric(deff(e)); if (is.finite(value) && value >= 1e-6) value else NA }
  if (kind == "proportion") {
    p <- svyciprop(~.y, cell, method = "xlogit", level = LEVEL)
    estimate <- coef(p)[[1]]
    at_boundary <- all(y[domain] == 0) || all(y[domain] == 1)
    return(c(result, list(estimate = estimate, se = SE(p)[[1]],
                          ci = if (at_boundary) NULL else as.numeric(attr(p, "ci")),
                          note = if (at_boundary) "proportion-at-boundary" else NULL,
                          deff = if (at_boundary) NA else deff_of(svymean(~.y, cell, deff = "replace")))))
  }
  if (kind == "mean") {
    m <- svymean(~.y, cell, deff = "replace")
    return(c(result, list(estimate = coef(m)[[1]], se = SE(m)[[1]], ci = coef(m)[[1]] + c(-1, 1) * Z * SE(m)[[1]],
                          deff = deff_of(m))))
  }
  if (kind %in% c("total", "count")) {
    t <- svytotal(if (kind == "count") ~.one else ~.y, cell, deff = "replace")
    return(c(result, list(estimate = coef(t)[[1]], se = SE(t)[[1]], ci = coef(t)[[1]] + c(-1, 1) * Z * SE(t)[[1]],
                          deff = if (kind == "count") NA else deff_of(t))))
  }
  if (kind == "ratio") {
    r <- svyratio(~.y, ~.x, cell, deff = "replace")
    estimate <- coef(r)[[1]]
    se <- SE(r)[[1]]
    return(c(result, list(estimate = estimate, se = se, deff = deff_of(r)),
             interval_of_ratio(estimate, se, Z, y[domain], x[domain])))
  }
  q <- svyquantile(~.y, cell, quantiles = 0.5, qrule = "math", interval.type = "mean", ci = TRUE, se = TRUE,
                   alpha = 1 - LEVEL)
  ci <- as.numeric(confint(q))
  c(result, list(estimate = coef(q)[[1]], se = SE(q)[[1]], ci = if (any(is.na(ci))) NULL else ci,
                 note = if (any(is.na(ci))) "quantile-bound-out-of-range" else NULL, deff = NA))
}

# What the round's weighting fixes (docs/statistics.md, "Counts the weighting fixes"): no interval.
fixed_note <- function(round, indicator, variable, code, total_cell) {
  w <- round$provenance$weighting
  if (!weighted(round, indicator) || !isTRUE(w$applied)) return(NULL)
  if (indicator$kind == "count" && is.null(indicator$universe)) {
    if (variable == "" ) return("fixed-by-weighting")
    fixed_margins <- if (w$method == "raking") tail(names(w$counts), 1) else names(w$counts)
    if (variable %in% fixed_margins && code != "") return("fixed-by-weighting")
  }
  if (indicator$kind == "total" && total_cell && is.null(indicator$universe) &&
      sub("^\\$\\{(\\w+)\\}$", "\\1", indicator$value) %in% names(w$totals)) return("calibrated-total")
  NULL
}

# ---------------------------------------------------------------- suppression (docs/framework-format.md)

suppress <- function(total, groups, limit, rungs) {
  if (total < limit) return(rep("primary", length(groups)))
  reasons <- ifelse(groups < limit, "primary", "")
  small <- which(reasons == "primary" & groups > 0)
  rungs <- sort(unique(c(rungs[rungs > 1], limit)))
  withhold_smallest <- function() {
    candidates <- which(reasons == "" & groups > 0)
    if (length(candidates) == 0) return(FALSE)
    reasons[candidates[which.min(groups[candidates])]] <<- "secondary"
    TRUE
  }
  bounds <- function(k, top) {
    low <- max(c(1, rungs[rungs <= groups[k]]))
    high <- min(c(Inf, rungs[rungs > groups[k]] - 1))
    c(low, if (reasons[k] == "secondary") min(high, top) else high)
  }
  pinned <- function(k) {
    published <- groups[reasons == "" & groups > 0]
    top <- if (length(published)) min(published) else Inf
    withheld <- which(reasons != "" & groups > 0)
    others <- sapply(setdiff(withheld, k), function(j) bounds(j, top))
    others <- matrix(others, nrow = 2)
    own <- bounds(k, top)
    total_withheld <- sum(groups[withheld])
    max(own[1], total_withheld - sum(others[2, ])) == min(own[2], total_withheld - sum(others[1, ]))
  }
  if (length(small) > 0 && withhold_smallest()) {
    while (any(sapply(small, pinned)) && withhold_smallest()) {}
  }
  reasons
}

# The p % rule (docs/framework-format.md, "The p % rule"): the sizes other than the two largest sum
# to less than p % of the largest; a ratio fails on its values or its denominators.
dominated <- function(values, p) {
  sizes <- c(sort(abs(values), decreasing = TRUE), 0, 0)
  sizes[1] > 0 && sum(sizes) - sizes[1] - sizes[2] < p / 100 * sizes[1]
}
fails_rule <- function(members, value, x, p) {
  dominated(value[members], p) || (!is.null(x) && dominated(x[members], p))
}

# Each published group that fails the rule is withheld ("dominance"); then, while the withheld groups
# with responses fail it together, the published group with the smallest base (the first on a tie)
# is withheld beside them ("secondary").
withhold_dominated <- function(reasons, groups, value, x, p) {
  sizes <- sapply(groups, sum)
  for (k in seq_along(groups)) {
    if (reasons[k] == "" && sizes[k] > 0 && fails_rule(groups[[k]], value, x, p)) reasons[k] <- "dominance"
  }
  repeat {
    withheld <- which(reasons != "" & sizes > 0)
    if (length(withheld) == 0 || !fails_rule(Reduce(`|`, groups[withheld]), value, x, p)) break
    published <- which(reasons == "" & sizes > 0)
    if (length(published) == 0) break
    reasons[published[which.min(sizes[published])]] <- "secondary"
  }
  reasons
}

# ---------------------------------------------------------------- targets, status and change

status_of <- function(indicator, line, round_name, estimate, language) {
  targets <- indicator$targets
  later <- line[match(round_name, line):length(line)]
  later <- later[later %in% names(targets)]
  if (length(later) == 0) return("")
  word <- function(s) STATUS[[s]][if (language == "sv") 1 else 2]
  goal <- targets[[later[1]]]
  up <- indicator$direction == "up"
  reaches <- function(value) {
    slack <- 1e-9 * max(abs(value), abs(estimate))
    if (up) estimate >= value - slack else estimate <= value + slack
  }
  if (reaches(goal)) return(word("met"))
  if (later[1] == round_name) return(word("missed"))
  if (is.null(indicator$baseline)) return("")
  s <- match(indicator$baseline$round, line); now <- match(round_name, line); end <- match(later[1], line)
  path <- indicator$baseline$value + (goal - indicator$baseline$value) * (now - s) / (end - s)
  if (reaches(path)) word("on") else word("off")
}

change_of <- function(earlier, later) {
  d <- later$estimate - earlier$estimate
  weighted_pair <- !is.null(earlier$n_effective) || !is.null(later$n_effective)
  if (!weighted_pair && later$kind %in% c("count", "total")) return(list(d = d, note = "descriptive-tally"))
  fixed <- c("fixed-by-weighting", "calibrated-total")
  if (isTRUE(earlier$note %in% fixed) && isTRUE(later$note %in% fixed))
    return(list(d = d, note = "fixed-by-weighting"))
  if (!weighted_pair && later$kind == "proportion") {
    l <- earlier$ci; u <- later$ci
    return(list(d = d, ci = c(d - sqrt((later$estimate - u[1])^2 + (l[2] - earlier$estimate)^2),
                              d + sqrt((u[2] - later$estimate)^2 + (earlier$estimate - l[1])^2))))
  }
  if (is.na(earlier$se) || is.na(later$se)) return(list(d = d, note = "no-standard-error"))
  for (note in c("proportion-at-boundary", "ratio-at-zero", "share-at-one")) {
    if (identical(earlier$note, note) || identical(later$note, note)) return(list(d = d, note = note))
  }
  if (!weighted_pair && later$kind == "mean") {
    v1 <- earlier$se^2; v2 <- later$se^2
    if (v1 + v2 == 0) return(list(d = d, note = "zero-variance"))
    welch <- t.test(later$values, earlier$values, conf.level = LEVEL)
    return(list(d = d, ci = as.numeric(welch$conf.int)))
  }
  list(d = d, ci = d + c(-1, 1) * Z * sqrt(earlier$se^2 + later$se^2))
}

# ---------------------------------------------------------------- one indicator of one round

reproduce_indicator <- function(round, indicator, line, previous) {
  id <- indicator$id
  rows <- round$results[round$results$indicator == id & round$results$round == round$name, ]
  language <- round$provenance$options$language
  if (is.null(language)) language <- "sv"
  value <- if (indicator$kind == "count") rep(1, nrow(round$data))
           else expression_of(EXPRESSIONS, indicator$numerator %||% indicator$value, id)(round)
  x <- if (indicator$kind == "ratio") expression_of(EXPRESSIONS, indicator$denominator, id)(round) else NULL
  universe <- if (is.null(indicator$universe)) rep(TRUE, nrow(round$data))
              else expression_of(UNIVERSES, indicator$universe, id)(round)
  base <- universe & !is.na(value) & (is.null(x) || TRUE)
  if (!is.null(x)) base <- base & !is.na(x)
  design <- if (weighted(round, indicator)) design_of(round, indicator) else NULL
  scale <- if (identical(indicator$unit, "percent")) 100 else 1
  limit <- indicator$threshold
  p <- indicator$pPercent
  total_dominated <- !is.null(p) && sum(base) >= limit && fails_rule(base, value, x, p)
  cells <- list(list(variable = "", code = "", members = base,
                     reason = if (sum(base) < limit) "primary" else if (total_dominated) "dominance" else ""))
  for (variable in unlist(indicator$disaggregate)) {
    column <- column_of(round, variable)
    if (is.null(column)) {
      fail(sprintf("%s %s by %s", id, round$name, variable), "the export has no column for the breakdown")
      next
    }
    codes <- group_codes(round, variable)
    groups <- lapply(codes, function(code) base & round$data[[column]] == code)
    names(groups) <- codes
    if (any(base & round$data[[column]] == "")) groups[[length(groups) + 1]] <- base & round$data[[column]] == ""
    codes <- c(codes, "")[seq_along(groups)]
    reasons <- suppress(sum(base), sapply(groups, sum), limit, indicator$rungs)
    if (total_dominated) {
      # A dominated total takes every group with it, as a small one does.
      reasons <- ifelse(reasons != "", reasons,
                        ifelse(sapply(groups, function(g) fails_rule(g, value, x, p)), "dominance", "secondary"))
    } else if (!is.null(p)) {
      reasons <- withhold_dominated(reasons, groups, value, x, p)
    }
    breakdown <- if (column == variable) variable else column
    for (k in seq_along(groups))
      cells[[length(cells) + 1]] <- list(variable = breakdown, definition_variable = variable, code = codes[k],
                                         members = groups[[k]], reason = reasons[k])
  }
  estimates <- list()
  for (cell in cells) {
    where <- sprintf("%s %s %s %s", id, round$name, cell$variable, if (cell$variable == "") "(total)" else
                     if (cell$code == "") "(missing)" else cell$code)
    row <- rows[rows$breakdown == cell$variable & rows$group_code == cell$code, ]
    if (nrow(row) != 1) { fail(where, sprintf("%d rows in results.csv", nrow(row))); next }
    same_text(where, "suppressed", row$suppressed, cell$reason)
    n <- sum(cell$members)
    if (cell$reason != "") {
      same_text(where, "n", row$n, if (cell$reason == "primary") paste("<", limit) else "")
      next
    }
    same_text(where, "n", row$n, as.character(n))
    result <- if (is.null(design)) unweighted_estimate(indicator$kind, value[cell$members], x[cell$members])
              else weighted_estimate(indicator$kind, design, cell$members, value, x)
    fixed <- fixed_note(round, indicator, cell$definition_variable %||% "", cell$code, cell$variable == "")
    if (!is.null(fixed)) { result$ci <- NULL; result$note <- fixed }
    same_number(where, "estimate", row$estimate, result$estimate * scale)
    same_number(where, "se", row$se, result$se * scale)
    same_number(where, "ci_low", row$ci_low, result$ci[1] * scale)
    same_number(where, "ci_high", row$ci_high, result$ci[2] * scale)
    same_text(where, "interval_note", row$interval_note, if (is.null(result$ci)) result$note %||% "" else "")
    same_number(where, "deff", row$deff, result$deff %||% NA)
    same_number(where, "n_effective", row$n_effective, result$n_effective %||% NA)
    if (cell$variable == "") {
      targets <- indicator$targets
      later <- line[match(round$name, line):length(line)]
      later <- later[later %in% names(targets)]
      same_number(where, "target", row$target, if (length(later)) targets[[later[1]]] * scale else NA)
      same_text(where, "status", row$status, status_of(indicator, line, round$name, result$estimate, language))
    }
    key <- paste(cell$variable, cell$code)
    estimates[[key]] <- result
    earlier <- previous[[key]]
    if (!is.null(earlier)) {
      change <- change_of(earlier, result)
      same_number(where, "change", row$change, change$d * scale)
      same_number(where, "change_low", row$change_low, change$ci[1] * scale)
      same_number(where, "change_high", row$change_high, change$ci[2] * scale)
      same_text(where, "change_note", row$change_note, if (is.null(change$ci)) change$note %||% "" else "")
    } else {
      same_text(where, "change", row$change, "")
    }
  }
  estimates
}

`%||%` <- function(a, b) if (is.null(a)) b else a

# ---------------------------------------------------------------- every round

history <- list()
rows_checked <- 0
compared <- numeric(0)    # numbers compared, by column
largest_relative <- 0     # the largest relative difference beyond the rounding of six decimals
for (folder in folders) {
  round <- read_round(folder)
  defined <- round$provenance$indicators
  if (is.null(defined)) stop(sprintf("%s: provenance.json has no indicators (export with --framework)", folder))
  line <- unlist(defined$rounds)
  rungs <- unique(c(sapply(defined$definitions, function(d) d$threshold), defined$suppression$minCell, defined$suppression$minBase))
  for (indicator in defined$definitions) {
    indicator$rungs <- rungs
    previous <- NULL
    before <- line[seq_len(match(round$name, line) - 1)]
    for (r in rev(before)) {
      if (!is.null(history[[paste(indicator$id, r)]])) { previous <- history[[paste(indicator$id, r)]]; break }
    }
    outcome <- tryCatch(reproduce_indicator(round, indicator, line, previous),
                        error = function(e) { fail(paste(indicator$id, round$name), conditionMessage(e)); NULL })
    if (!is.null(outcome)) history[[paste(indicator$id, round$name)]] <- outcome
  }
  computed <- round$results[round$results$n != "" | round$results$suppressed != "", ]
  ids <- sapply(defined$definitions, function(d) d$id)
  missing <- setdiff(unique(computed$indicator), ids)
  if (length(missing)) fail(round$name, paste("results.csv has indicators provenance.json does not define:",
                                              paste(missing, collapse = ", ")))
  rows_checked <- rows_checked + sum(round$results$indicator %in% ids & round$results$round == round$name)
  cat(sprintf("%s: %d rows of results.csv, %d indicators\n", round$name,
              sum(round$results$round == round$name), length(ids)))
}

cat(sprintf("%d figures and facts checked in %d rows, %d mismatches (largest difference beyond six decimals: %.1e relative)\n",
            checked, rows_checked, length(failures), largest_relative))
cat("  numbers compared:", paste(names(compared), compared, sep = " ", collapse = ", "), "\n")
for (f in failures) cat("  MISMATCH", f, "\n")
quit(status = if (length(failures) > 0 || checked == 0) 1 else 0)
