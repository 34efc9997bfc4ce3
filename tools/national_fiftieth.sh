# SPDX-License-Identifier: MIT
# Sourced by tools/fit_national_history.sh and tools/national_sensitivity.sh: the national
# history (scenarios/us_history_fy2019_2023.yaml), and us_fy2024.yaml after it, at a 50th of
# their volume. Every facility's selections still outrun its officers, so the IPR seizures do
# not depend on the volume (docs/validation.md, "National history"); the audit keeps its size
# (a 50th of the parcels, 50 times the rate). tools/validate_history.cpp holds the same rates.
# Sets: national_mail_f, national_express_f (facility patterns), national_mail_s,
# national_manifest_s, national_type86_s (stream patterns), national_scale (the key of the IPR
# capacity's dated scale), and the arrays history_fiftieth and fy2024_fiftieth (--set arguments).
national_mail_f='jfk_imf|ord_imf|lax_imf|mia_imf|sfo_imf'
national_express_f='cvg_dhl|mem_fedex|sdf_ups|ind_fedex|ont_ups|jfk_express'
national_mail_s='jfk_imf_mail|ord_imf_mail|lax_imf_mail|mia_imf_mail|sfo_imf_mail'
national_manifest_s='cvg_dhl_express|mem_fedex_express|sdf_ups_express|ind_fedex_express|ont_ups_express|jfk_express_express'
national_type86_s='cvg_dhl_type86|mem_fedex_type86|sdf_ups_type86|ind_fedex_type86|ont_ups_type86|jfk_express_type86'
national_scale="facilities.$national_mail_f|$national_express_f.methods.physical.duration_scale"
_mail='2018-10-01: 5074/d, 2019-10-01: 4448/d, 2020-10-01: 3550/d, 2021-10-01: 1874/d, 2022-10-01: 942.4/d'
_manifest='2018-10-01: 1315/d, 2019-10-01: 2030/d, 2020-10-01: 2712/d, 2021-10-01: 1853.8/d, 2022-10-01: 3296/d'
_type86='2018-10-01: 0/d, 2019-10-01: 546.4/d, 2020-10-01: 1369.8/d, 2021-10-01: 2840/d, 2022-10-01: 5690/d'
_audit='policies.audit.rate={2018-10-01: 0%, 2023-04-01: 0.1%}'
history_fiftieth=(--set "streams.$national_mail_s.arrivals.rate={$_mail}"
  --set "streams.$national_manifest_s.arrivals.rate={$_manifest}"
  --set "streams.$national_type86_s.arrivals.rate={$_type86}" --set "$_audit")
# FY2024 (us_fy2024.yaml): the history's steps and FY2024's, each over 50.
fy2024_fiftieth=(--set "streams.$national_mail_s.arrivals.rate={$_mail, 2023-10-01: 743.2/d}"
  --set "streams.$national_manifest_s.arrivals.rate={$_manifest, 2023-10-01: 4318/d}"
  --set "streams.$national_type86_s.arrivals.rate={$_type86, 2023-10-01: 7448/d}" --set "$_audit")
unset _mail _manifest _type86 _audit
