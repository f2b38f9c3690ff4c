# The logit interval of a share of a whole (docs/statistics.md, "Shares of a whole") is what R gives with
# plogis(confint(svycontrast(svytotal(~y + x), quote(log(y/(x - y)))))): each pair of lines printed here agrees
# (R 4.2.2, survey 4.1.1: to 1e-14). The first pair is weighted-share-near-one of ratio-interval.csv.
# Run from this folder: Rscript check-logit-share.R
suppressMessages(library(survey))
# The stratified design of make-ratio-interval.py and its near-one share; and apistrat by stype.
d <- data.frame(h = rep(c("A","B","C"), c(5,4,3)), N = rep(c(40,25,12), c(5,4,3)),
                w = c(rep(8,5), rep(6.25,4), rep(4,3)),
                staff = c(3,1,12,2,5,1,2,1,40,2,3,1), most = c(3,1,12,2,5,1,2,1,30,2,3,1))
des <- svydesign(id = ~1, strata = ~h, weights = ~w, fpc = ~N, data = d)
t <- svytotal(~most + staff, des)
print(plogis(confint(svycontrast(t, quote(log(most/(staff - most)))))), digits = 15)
r <- svyratio(~most, ~staff, des); R <- coef(r); se <- SE(r); z <- qnorm(.975)
print(plogis(qlogis(R) + c(-1, 1) * z * se / (R * (1 - R))), digits = 15)
a <- read.csv("apistrat.csv"); ds <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = a)
e <- subset(ds, stype == "E")
t <- svytotal(~api_stu + enroll, e)
print(plogis(confint(svycontrast(t, quote(log(api_stu/(enroll - api_stu)))))), digits = 15)
r <- svyratio(~api_stu, ~enroll, e); R <- coef(r); se <- SE(r)
print(plogis(qlogis(R) + c(-1, 1) * z * se / (R * (1 - R))), digits = 15)
