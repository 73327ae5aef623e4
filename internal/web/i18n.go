package web

import (
	"fmt"
	"net/http"

	"golang.org/x/text/language"
)

// Languages the interface speaks; English first.
const (
	langEN = "en"
	langMY = "my"
)

var langMatcher = language.NewMatcher([]language.Tag{language.English, language.Burmese})

// chooseLang picks the interface language: the reader's switch (a cookie)
// first, else the browser's Accept-Language.
func chooseLang(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && (c.Value == langEN || c.Value == langMY) {
		return c.Value
	}
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return langEN
	}
	_, i, conf := langMatcher.Match(tags...)
	if i == 1 && conf != language.No {
		return langMY
	}
	return langEN
}

// tr translates an interface string. Every string the pages show goes
// through this one table; a key without a Burmese entry shows in English,
// and a missing key shows as itself so that it is noticed.
func tr(lang, key string, args ...any) string {
	e, ok := messages[key]
	if !ok {
		return key
	}
	s := e[0]
	if lang == langMY && e[1] != "" {
		s = e[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// messages is the translation table: key → {English, Burmese}. Burmese is
// given for the main labels; the rest falls back to English.
var messages = map[string][2]string{
	"app.name":                        {"sitroom", "sitroom"},
	"app.tagline":                     {"Sourced, verified events", "အရင်းအမြစ်ပါ၊ အတည်ပြုပြီး ဖြစ်ရပ်များ"},
	"skip":                            {"Skip to content", "အကြောင်းအရာသို့ ကျော်ရန်"},
	"nav.label":                       {"Main", "ပင်မ"},
	"nav.overview":                    {"Overview", "အနှစ်ချုပ်"},
	"nav.map":                         {"Map", "မြေပုံ"},
	"nav.events":                      {"Events", "ဖြစ်ရပ်များ"},
	"nav.situation":                   {"Situation", "အခြေအနေ"},
	"nav.review":                      {"Review", "စိစစ်ရန်"},
	"nav.report":                      {"Send a report", "သတင်းပို့ရန်"},
	"nav.reports":                     {"Reports in", "ဝင်လာသော သတင်းများ"},
	"nav.login":                       {"Sign in", "ဝင်ရန်"},
	"nav.logout":                      {"Sign out", "ထွက်ရန်"},
	"nav.lang":                        {"Language", "ဘာသာစကား"},
	"signed.in.as":                    {"Signed in as %s (%s)", "%s (%s) အဖြစ် ဝင်ထားသည်"},
	"public.view":                     {"Public view: published events only.", "အများပြည်သူ မြင်ကွင်း — ထုတ်ပြန်ပြီး ဖြစ်ရပ်များသာ။"},
	"time.zone.note":                  {"Times are Myanmar time (MMT, UTC+06:30).", "အချိန်များသည် မြန်မာစံတော်ချိန် (MMT, UTC+06:30) ဖြစ်သည်။"},
	"filter.legend":                   {"Filter", "စစ်ထုတ်ရန်"},
	"filter.since":                    {"From", "မှ"},
	"filter.until":                    {"To", "အထိ"},
	"filter.type":                     {"Type", "အမျိုးအစား"},
	"filter.any":                      {"Any", "အားလုံး"},
	"filter.actor":                    {"Actor", "ပါဝင်သူ"},
	"filter.pcode":                    {"Area (P-code)", "နေရာ (P-code)"},
	"filter.status":                   {"Status", "အခြေအနေ"},
	"filter.q":                        {"Words", "စကားလုံး"},
	"filter.figure":                   {"With figure", "ကိန်းဂဏန်း ပါသော"},
	"filter.apply":                    {"Apply", "စစ်ထုတ်ရန်"},
	"filter.clear":                    {"Clear", "ရှင်းရန်"},
	"fig.killed":                      {"killed", "သေဆုံး"},
	"fig.injured":                     {"injured", "ဒဏ်ရာရ"},
	"fig.displaced":                   {"displaced", "နေရပ်စွန့်ခွာ"},
	"fig.arrested":                    {"arrested", "ဖမ်းဆီးခံရ"},
	"fig.handed_over":                 {"handed over", "လွှဲပြောင်းခံရ"},
	"fig.Killed":                      {"Killed", "သေဆုံးသူ"},
	"fig.Injured":                     {"Injured", "ဒဏ်ရာရသူ"},
	"fig.Displaced":                   {"Displaced", "နေရပ်စွန့်ခွာသူ"},
	"fig.lowerbound":                  {"Lower bounds: at least this many, by the counting rules of docs/METHOD.md.", "အနည်းဆုံး ကိန်းဂဏန်းများ ဖြစ်သည်။"},
	"fig.disputed":                    {"disputed", "အငြင်းပွားဆဲ"},
	"fig.none":                        {"No figures stated.", "ကိန်းဂဏန်း မရှိပါ။"},
	"ov.title":                        {"Overview", "အနှစ်ချုပ်"},
	"ov.area":                         {"Area", "နေရာ"},
	"ov.period":                       {"Period", "ကာလ"},
	"ov.whole":                        {"all of Myanmar", "မြန်မာနိုင်ငံ တစ်ခုလုံး"},
	"ov.bytype":                       {"Events by type", "အမျိုးအစားအလိုက် ဖြစ်ရပ်များ"},
	"ov.access":                       {"Access constraints", "သွားလာရေး အဟန့်အတားများ"},
	"ov.latest":                       {"Latest events", "နောက်ဆုံး ဖြစ်ရပ်များ"},
	"ov.events.n":                     {"%d events", "ဖြစ်ရပ် %d ခု"},
	"ov.see.events":                   {"see the %d events", "ဖြစ်ရပ် %d ခု ကြည့်ရန်"},
	"ev.title":                        {"Events", "ဖြစ်ရပ်များ"},
	"ev.count":                        {"%d events match.", "ဖြစ်ရပ် %d ခု ကိုက်ညီသည်။"},
	"ev.none":                         {"No events match.", "ကိုက်ညီသော ဖြစ်ရပ် မရှိပါ။"},
	"ev.timeline":                     {"Events per day, by type", "နေ့အလိုက် ဖြစ်ရပ်များ"},
	"ev.date":                         {"Date", "ရက်စွဲ"},
	"ev.event":                        {"Event", "ဖြစ်ရပ်"},
	"ev.place":                        {"Place", "နေရာ"},
	"ev.status":                       {"Status", "အခြေအနေ"},
	"ev.figures":                      {"Figures", "ကိန်းဂဏန်းများ"},
	"ev.sources":                      {"Sources", "သတင်းရင်းမြစ်များ"},
	"ev.actors":                       {"Actors", "ပါဝင်သူများ"},
	"ev.type":                         {"Type", "အမျိုးအစား"},
	"ev.period":                       {"Period", "ကာလ"},
	"ev.control":                      {"Control", "ထိန်းချုပ်မှု"},
	"ev.access":                       {"Access", "သွားလာခွင့်"},
	"ev.site":                         {"Site", "နေရာ"},
	"ev.claims":                       {"Claims and their sources", "သတင်းရင်းမြစ်အလိုက် ပြောဆိုချက်များ"},
	"ev.history":                      {"History", "မှတ်တမ်း"},
	"ev.report.text":                  {"Report text", "သတင်းစာသား"},
	"ev.reporter":                     {"Reporter (pseudonym)", "သတင်းပို့သူ (အမည်ဝှက်)"},
	"ev.prev":                         {"Newer", "အသစ်"},
	"ev.next":                         {"Older", "အဟောင်း"},
	"ev.downloads":                    {"Download the published events:", "ထုတ်ပြန်ပြီး ဖြစ်ရပ်များ ဒေါင်းလုဒ်:"},
	"ev.page":                         {"Page %d of %d", "စာမျက်နှာ %d / %d"},
	"ev.disputes":                     {"Disputed", "အငြင်းပွားဆဲ"},
	"ev.cumulative":                   {"Running total (not added to incidents)", "စုစုပေါင်း ကိန်း"},
	"ev.updated":                      {"Updated", "ပြင်ဆင်ချိန်"},
	"ev.notfound":                     {"No such event.", "ဤဖြစ်ရပ် မရှိပါ။"},
	"ev.noclaims":                     {"No claims.", "ပြောဆိုချက် မရှိပါ။"},
	"ev.nohistory":                    {"No changes recorded.", "ပြောင်းလဲမှု မရှိပါ။"},
	"ev.nopoint":                      {"No point on the map for this place.", "မြေပုံပေါ်တွင် နေရာ မရှိပါ။"},
	"ev.coarsened":                    {"Placed at its township only: sensitive site.", "လုံခြုံရေးအရ မြို့နယ်အဆင့်သာ ပြသည်။"},
	"ev.review.this":                  {"Review this event", "ဤဖြစ်ရပ်ကို စိစစ်ရန်"},
	"map.title":                       {"Map", "မြေပုံ"},
	"map.nojs":                        {"The map needs JavaScript. The same events are in the list:", "မြေပုံအတွက် JavaScript လိုအပ်သည်။ စာရင်းတွင် ကြည့်ပါ —"},
	"map.legend":                      {"Legend", "အညွှန်း"},
	"map.unplaced":                    {"%d of %d events have no point and are not shown.", "ဖြစ်ရပ် %[2]d ခုအနက် %[1]d ခုမှာ နေရာမရှိ၍ မပြပါ။"},
	"map.basemap":                     {"Basemap: Natural Earth (public domain), offline.", "မြေပုံ — Natural Earth (အများပိုင်)"},
	"sit.title":                       {"Situation", "အခြေအနေ"},
	"sit.control":                     {"Territorial control", "နယ်မြေ ထိန်းချုပ်မှု"},
	"sit.displacement":                {"Displacement", "နေရပ်စွန့်ခွာမှု"},
	"sit.access":                      {"Access constraints", "သွားလာရေး အဟန့်အတားများ"},
	"sit.holder":                      {"Held by", "ထိန်းချုပ်သူ"},
	"sit.since":                       {"Since", "မှစ၍"},
	"sit.until":                       {"Until", "အထိ"},
	"sit.from":                        {"Taken from", "ထံမှ"},
	"sit.now":                         {"now", "ယခု"},
	"sit.none":                        {"Nothing reported for this area and period.", "ဤနေရာနှင့် ကာလအတွက် သတင်းမရှိပါ။"},
	"sit.noplace":                     {"No place given", "နေရာ မဖော်ပြ"},
	"sit.township":                    {"Township", "မြို့နယ်"},
	"sit.total":                       {"Total (≥)", "စုစုပေါင်း (≥)"},
	"sit.stated":                      {"Figures as stated", "ဖော်ပြထားသော ကိန်းဂဏန်းများ"},
	"sit.chart":                       {"Displacement stated per township over time", "မြို့နယ်အလိုက် နေရပ်စွန့်ခွာမှု"},
	"sit.route":                       {"Route or service", "လမ်း သို့မဟုတ် ဝန်ဆောင်မှု"},
	"sit.kind":                        {"Kind", "အမျိုးအစား"},
	"sit.current":                     {"Now", "ယခု"},
	"sit.periods":                     {"Periods", "ကာလများ"},
	"access.closed":                   {"closed", "ပိတ်"},
	"access.restricted":               {"restricted", "ကန့်သတ်"},
	"access.open":                     {"open", "ဖွင့်"},
	"rv.title":                        {"Review queue", "စိစစ်ရန် စာရင်း"},
	"rv.intro":                        {"New and disputed events waiting for a reviewer. Every action needs a reason and is recorded.", "စိစစ်ရန် စောင့်နေသော ဖြစ်ရပ်များ။ လုပ်ဆောင်ချက်တိုင်းအတွက် အကြောင်းပြချက် လိုအပ်သည်။"},
	"rv.empty":                        {"Nothing waiting.", "စောင့်နေသည် မရှိပါ။"},
	"rv.reason":                       {"Reason (required)", "အကြောင်းပြချက် (မဖြစ်မနေ)"},
	"rv.verify":                       {"Verify", "အတည်ပြုရန်"},
	"rv.reject":                       {"Reject", "ပယ်ရန်"},
	"rv.dispute":                      {"Mark disputed", "အငြင်းပွားဟု မှတ်ရန်"},
	"rv.figure":                       {"Correct a figure", "ကိန်းဂဏန်း ပြင်ရန်"},
	"rv.figure.kind":                  {"Figure", "ကိန်းဂဏန်း"},
	"rv.figure.value":                 {"Value (at least)", "တန်ဖိုး (အနည်းဆုံး)"},
	"rv.save":                         {"Save", "သိမ်းရန်"},
	"rv.merge":                        {"Merge other events into this one", "အခြားဖြစ်ရပ်များကို ပေါင်းရန်"},
	"rv.merge.ids":                    {"Event ids to merge in (separated by spaces or commas)", "ပေါင်းမည့် ဖြစ်ရပ် id များ"},
	"rv.merge.do":                     {"Merge", "ပေါင်းရန်"},
	"rv.split":                        {"Split claims out into a new event", "ပြောဆိုချက်များကို ခွဲထုတ်ရန်"},
	"rv.split.do":                     {"Split", "ခွဲရန်"},
	"rv.version":                      {"Version %d", "ဗားရှင်း %d"},
	"rv.done":                         {"Saved: %s is now version %d (%s).", "သိမ်းပြီး — %s ဗားရှင်း %d (%s)"},
	"rv.split.done":                   {"Split: the moved claims are now event %s.", "ခွဲပြီး — ဖြစ်ရပ်အသစ် %s"},
	"rv.conflict":                     {"Not saved: someone changed this event while you were looking at it.", "မသိမ်းရပါ — သင်ကြည့်နေစဉ် အခြားသူက ပြောင်းလဲခဲ့သည်။"},
	"rv.conflict.now":                 {"It is now at version %d, status %s, last changed %s. Read the current state below and act again if you still want to.", "ယခု ဗားရှင်း %d၊ အခြေအနေ %s၊ %s တွင် ပြောင်းခဲ့သည်။ အောက်တွင် ကြည့်ပြီး ထပ်လုပ်ပါ။"},
	"rv.detail":                       {"Review in detail", "အသေးစိတ် စိစစ်ရန်"},
	"rv.statusfilter":                 {"Show", "ပြရန်"},
	"rp.title":                        {"Send a report", "သတင်းပို့ရန်"},
	"rp.intro":                        {"Say what happened, where and when, and who says so. Your name is not stored; reports carry a pseudonym.", "ဘာဖြစ်သလဲ၊ ဘယ်မှာ၊ ဘယ်တုန်းက ဆိုတာ ရေးပါ။ သင့်အမည်ကို မသိမ်းပါ။"},
	"rp.text":                         {"Report", "သတင်း"},
	"rp.date":                         {"Date it happened or was written", "ဖြစ်ပွားသည့် ရက်စွဲ"},
	"rp.source":                       {"Source (organisation or outlet; leave empty for yourself)", "သတင်းရင်းမြစ်"},
	"rp.url":                          {"Link (optional)", "လင့်ခ် (မဖြစ်မနေ မဟုတ်)"},
	"rp.language":                     {"Language", "ဘာသာစကား"},
	"rp.lang.auto":                    {"Detect", "အလိုအလျောက်"},
	"rp.send":                         {"Send", "ပို့ရန်"},
	"rp.created":                      {"Received. Report %s is stored (%s).", "လက်ခံပြီး — သတင်း %s (%s)"},
	"rp.duplicate":                    {"Already received: this is report %s.", "ယခင်က လက်ခံပြီး — သတင်း %s"},
	"rp.inbox":                        {"Reports in", "ဝင်လာသော သတင်းများ"},
	"rp.received":                     {"Received", "လက်ခံချိန်"},
	"rp.channel":                      {"Channel", "လမ်းကြောင်း"},
	"rp.coding":                       {"Coding", "ကုဒ်"},
	"rp.claims":                       {"Claims", "ပြောဆိုချက်"},
	"rp.none":                         {"No reports yet.", "သတင်း မရှိသေးပါ။"},
	"rp.more":                         {"Older reports", "အဟောင်းများ"},
	"lg.title":                        {"Sign in", "ဝင်ရန်"},
	"lg.intro":                        {"Sign in with the access token your administrator gave you (sitroom token create).", "စီမံသူ ပေးသော token ဖြင့် ဝင်ပါ။"},
	"lg.token":                        {"Access token", "Token"},
	"lg.submit":                       {"Sign in", "ဝင်ရန်"},
	"lg.toomany":                      {"Too many failed sign-ins from this address. Try again in %d min.", "ဝင်ရန် မအောင်မြင်မှု များလွန်းသည်။ %d မိနစ်အကြာတွင် ပြန်ကြိုးစားပါ။"},
	"lg.bad":                          {"That token is not valid: %s.", "Token မမှန်ပါ — %s"},
	"err.title":                       {"Something went wrong", "အမှားတစ်ခု ဖြစ်သည်"},
	"err.csrf":                        {"This form expired or came from another site. Reload the page and try again.", "ဤဖောင်သည် သက်တမ်းကုန် သို့မဟုတ် အခြားဆိုက်မှ လာသည်။ ပြန်ဖွင့်ပြီး ထပ်ကြိုးစားပါ။"},
	"err.forbidden":                   {"Your role (%s) may not do this; it needs %s.", "သင့်အခန်းကဏ္ဍ (%s) ဖြင့် မလုပ်နိုင်ပါ — %s လိုသည်။"},
	"err.notfound":                    {"Not found.", "မတွေ့ပါ။"},
	"err.invalid":                     {"Please check: %s", "စစ်ဆေးပါ — %s"},
	"err.internal":                    {"The server could not do this. It was logged; try again later.", "ဆာဗာ အမှား။ နောက်မှ ထပ်ကြိုးစားပါ။"},
	"status.new":                      {"new", "အသစ်"},
	"status.corroborated":             {"corroborated", "အထောက်အထားထပ်"},
	"status.verified":                 {"verified", "အတည်ပြုပြီး"},
	"status.disputed":                 {"disputed", "အငြင်းပွား"},
	"status.rejected":                 {"rejected", "ပယ်ပြီး"},
	"type.battle":                     {"Battle", "တိုက်ပွဲ"},
	"type.explosion_remote_violence":  {"Explosion / remote violence", "ပေါက်ကွဲမှု / အဝေးမှ တိုက်ခိုက်မှု"},
	"type.violence_against_civilians": {"Violence against civilians", "အရပ်သားများအပေါ် အကြမ်းဖက်မှု"},
	"type.protest":                    {"Protest", "ဆန္ဒပြမှု"},
	"type.riot":                       {"Riot", "အဓိကရုဏ်း"},
	"type.strategic_development":      {"Strategic development", "မဟာဗျူဟာ ဖြစ်ရပ်"},
	"kind.displacement":               {"displacement", "နေရပ်စွန့်ခွာမှု"},
	"kind.access_road":                {"road", "လမ်း"},
	"kind.access_bridge":              {"bridge", "တံတား"},
	"kind.access_airport":             {"airport", "လေဆိပ်"},
	"kind.access_telecom":             {"telecoms", "ဆက်သွယ်ရေး"},
	"kind.scam_compound_raid":         {"scam compound raid", "လိမ်လည်ရေး စခန်း စီးနင်းမှု"},
	"kind.repatriation":               {"repatriation", "ပြန်လည်ပို့ဆောင်မှု"},
	"kind.martial_law":                {"martial law", "စစ်အုပ်ချုပ်ရေး"},
	"kind.surrender_defection":        {"surrender / defection", "လက်နက်ချ / ခွဲထွက်"},
}
