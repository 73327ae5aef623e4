package extract

import "sitroom/internal/domain"

// burmeseTables fills l with the Burmese keyword tables. Entries are split
// into syllables like the text, so a table word matches inside a longer
// word ("သိမ်းပိုက်ခဲ့သည်" holds "သိမ်းပိုက်"). Burmese puts the verb last:
// the object of a capture comes before its cue (passive), and figures before
// their cue ("အရပ်သား ၅ ဦး သေဆုံး", five civilians died).
func burmeseTables(l *lexicon) {
	const both = figBefore | figAfter
	l.add("တိုက်ပွဲ|တိုက်ပွဲများ|တိုက်ပွဲဖြစ်|ထိတွေ့တိုက်ပွဲ|ပစ်ခတ်တိုက်ခိုက်|ပြင်းထန်သောတိုက်ပွဲ|တိုက်ပွဲပြင်းထန်|ဝင်ရောက်တိုက်ခိုက်",
		trg(trClash, domain.ArmedClash))
	capture := trg(trCapture, domain.NonStateActorOvertakesTerritory)
	capture.passive = true
	l.add("သိမ်းပိုက်|သိမ်းယူ|ထိန်းချုပ်|ထိန်းချုပ်နိုင်|အပြီးသတ်သိမ်းပိုက်|လုံးဝထိန်းချုပ်", capture)
	regain := trg(trRegain, domain.GovernmentRegainsTerritory)
	regain.passive = true
	l.add("ပြန်လည်သိမ်းပိုက်|ပြန်သိမ်း", regain)
	loss := trg(trLoss, domain.NonStateActorOvertakesTerritory)
	loss.passive = true
	l.add("ဆုတ်ခွာ|စွန့်ခွာထွက်ပြေး", loss)
	l.add("တိုက်ခိုက်|တိုက်ခိုက်မှု|စီးနင်း", trg(trAttack, domain.ArmedClash))

	air := trg(trRemote, domain.AirDroneStrike)
	l.add("လေကြောင်းတိုက်ခိုက်|လေကြောင်းတိုက်ခိုက်မှု|လေကြောင်းဖြင့်|ဗုံးကြဲ|ဗုံးကြဲတိုက်ခိုက်|တိုက်လေယာဉ်|ဂျက်လေယာဉ်|"+
		"လေယာဉ်ဖြင့်|ရဟတ်ယာဉ်|ဒရုန်း|ဒရုန်းဖြင့်|ဒရုန်းတိုက်ခိုက်", air)
	shell := trg(trRemote, domain.ShellingArtilleryMissileAttack)
	l.add("လက်နက်ကြီး|လက်နက်ကြီးကျည်|လက်နက်ကြီးဖြင့်|အမြောက်|အမြောက်ကျည်|ဒုံးကျည်|မော်တာ|ကျည်ဆံကျ|ကျည်ကျ", shell)
	mine := trg(trRemote, domain.RemoteExplosiveLandmineIED)
	l.add("မြေမြှုပ်မိုင်း|မိုင်းထိ|မိုင်းနင်း|မိုင်းကွဲ|ဗုံးပေါက်ကွဲ|ပေါက်ကွဲ|ဖောက်ခွဲ|ဖြိုချ|မိုင်းဖြင့်|လက်လုပ်ဗုံး", mine)
	l.add("လက်ပစ်ဗုံး", trg(trRemote, domain.Grenade))

	vacKill := trg(trCivilian, domain.Attack)
	vacKill.fig, vacKill.figAt = domain.Killed, both
	l.add("ပစ်သတ်|သတ်ဖြတ်|အရှင်လတ်လတ်မီးရှို့|ဖမ်းဆီးသတ်ဖြတ်", vacKill)
	l.add("ပြန်ပေးဆွဲ|ဖမ်းဆီးခေါ်ဆောင်|ပျောက်ဆုံး", trg(trCivilian, domain.AbductionForcedDisappearance))
	l.add("မုဒိမ်း|အဓမ္မပြုကျင့်", trg(trCivilian, domain.SexualViolence))
	l.add("ဆန္ဒပြ|ဆန္ဒပြပွဲ|သပိတ်", trg(trProtest, domain.PeacefulProtest))
	l.add("အဓိကရုဏ်း", trg(trRiot, domain.ViolentDemonstration))

	disp := sd(domain.OtherDevelopment, domain.KindDisplacement)
	disp.fig, disp.figAt = domain.Displaced, figBefore
	l.add("အိုးအိမ်စွန့်ခွာ|နေရပ်စွန့်ခွာ|ထွက်ပြေး|တိမ်းရှောင်|ရှောင်တိမ်း|ဘေးလွတ်ရာ|"+
		"ဘေးလွတ်ရာသို့|နယ်စပ်ဖြတ်ကျော်|ထွက်ခွာ", disp)
	// "စစ်ဘေးရှောင် ၃,၀၀၀" (3,000 IDPs): the noun may stand before its number
	idp := disp
	idp.figAt = figBefore | figAfter
	l.add("စစ်ဘေးရှောင်|စစ်ရှောင်|စစ်ဘေးရှောင်များ", idp)
	l.add("စစ်အုပ်ချုပ်ရေး|စစ်အုပ်ချုပ်ရေးအမိန့်|စစ်ဥပဒေ", sd(domain.OtherDevelopment, domain.KindMartialLaw))
	l.add("လက်နက်ချ|အညံ့ခံ|ဘက်ပြောင်း|ပြည်သူ့ဘက်ကူး", sd(domain.ChangeToGroupActivity, domain.KindSurrenderDefection))
	arrest := sd(domain.Arrests, "")
	arrest.fig, arrest.figAt = domain.Arrested, figBefore
	l.add("ဖမ်းဆီး|ဖမ်းမိ|ထိန်းသိမ်း", arrest)
	hand := sd(domain.Arrests, domain.KindScamCompoundRaid)
	hand.fig, hand.figAt = domain.HandedOver, figBefore
	l.add("လွှဲပြောင်း|လွှဲအပ်|လွှဲပြောင်းပေးအပ်", hand)
	rep := sd(domain.OtherDevelopment, domain.KindRepatriation)
	rep.fig, rep.figAt = domain.HandedOver, figBefore
	l.add("ပြန်ပို့|ပြည်တော်ပြန်|နိုင်ငံပြန်ပို့", rep)
	l.add("အွန်လိုင်းလိမ်လည်|လိမ်လည်မှု|လိမ်လည်|အွန်လိုင်းလောင်းကစား|လောင်းကစား|ဆိုက်ဘာလိမ်|ငွေလိမ်|တယ်လီကွန်းလိမ်လည်|"+
		"အွန်လိုင်းငွေလိမ်|သံသယရှိသူ|သံသယတရားခံ", entry{scam: true})
	l.add("သံသယရှိသူ|သံသယတရားခံ", entry{person: pPerson})

	// figure cues
	l.add("သေဆုံး|ကျဆုံး|အသက်ဆုံးရှုံး|သေ|ပစ်သတ်ခံရ|သေဆုံးသူ", fg(domain.Killed, figBefore))
	l.add("ဒဏ်ရာရ|ထိခိုက်ဒဏ်ရာရ|ဒဏ်ရာ|ဒဏ်ရာရရှိ|ထိခိုက်", fg(domain.Injured, figBefore))

	// persons
	l.add("အရပ်သား|အရပ်သားများ|ရွာသား|ရွာသားများ|ကလေး|ကလေးငယ်|အမျိုးသမီး|အမျိုးသား|ဒေသခံ|ဒေသခံများ|သက်ကြီးရွယ်အို|"+
		"ကျောင်းသား|ဘုန်းကြီး|စစ်ဘေးရှောင်များ", entry{person: pCivilian})
	l.add("ပြည်သူ|လူ|ဦး", entry{person: pPerson})
	l.add("စစ်သား|စစ်သည်|တပ်သား|ရဲသား|စစ်သားများ|တပ်ဖွဲ့ဝင်|အရာရှိ", entry{person: pCombatant})
	l.add("အိမ်ထောင်စု|အိမ်ခြေ|မိသားစု", entry{person: pHousehold})

	// qualifiers: "ကျော်" (more than), "ခန့်", "နီးပါး", "လောက်" (about) follow the
	// number; "အနည်းဆုံး" (at least) stands before it
	l.add("ကျော်|ဦးကျော်|ယောက်ကျော်", entry{qual: domain.QualAtLeast, qualAfter: true})
	l.add("ခန့်|ဦးခန့်|နီးပါး|လောက်|ယောက်လောက်", entry{qual: domain.QualApprox, qualAfter: true})
	l.add("အထိ", entry{qual: domain.QualUpTo, qualAfter: true})
	l.add("အနည်းဆုံး", entry{qual: domain.QualAtLeast})
	l.add("ထောင်ချီ|ရာချီ|ဒါဇင်ချီ|ဆယ်ချီ|အများအပြား|များစွာ|သောင်းချီ", entry{vague: true})
	l.add("ရက်|ပတ်|နာရီ|မိနစ်|ကီလို|ကီလိုမီတာ|မိုင်|ကျပ်|လုံး|စင်း|ခု|အိမ်|နှစ်|လ", entry{unit: true})

	// words that change how a cue reads (Burmese markers follow the verb)
	l.add("မည်|လိမ့်မည်|မယ်|ရန်|ကြံစည်|ခြိမ်းခြောက်|စီစဉ်", entry{guard: gFuture})
	l.add("အဆိုအရ|ပြောကြား|ထုတ်ပြန်|ပြောခွင့်ရသူ|သတင်း|ကြေညာ", entry{guard: gSource})
	l.add("စုစုပေါင်း|ယခုအချိန်အထိ|ယနေ့အထိ|လက်ရှိအထိ", entry{cum: true})
	l.add("မြို့|မြို့နယ်|စခန်း|ကင်းစခန်း|တပ်စခန်း|ရွာ|ဂိတ်|တောင်ကုန်း|ဌာနချုပ်|နယ်မြေ|တပ်ရင်းစခန်း", entry{terr: true})
	l.add("လက်နက်|ခဲယမ်း|ယာဉ်", entry{nonTerr: true})
	l.add("နေအိမ်|အိမ်များ|ကျောင်း|ဘုန်းကြီးကျောင်း|ဆေးရုံ|ဈေး|ရွာ", entry{civTarget: true})

	// access
	l.add("လမ်းကြောင်း|ကားလမ်း|အဝေးပြေးလမ်း|လမ်းမ|ကုန်သွယ်ရေးလမ်း|လမ်း", entry{acc: domain.KindAccessRoad})
	l.add("တံတား", entry{acc: domain.KindAccessBridge})
	l.add("လေဆိပ်|လေကြောင်းခရီးစဉ်|ခရီးစဉ်", entry{acc: domain.KindAccessAirport})
	l.add("အင်တာနက်|ဖုန်းလိုင်း|ဆက်သွယ်ရေး|မိုဘိုင်း|ဖုန်း|ဆက်သွယ်ရေးလိုင်း", entry{acc: domain.KindAccessTelecom})
	l.add("ပိတ်|ပိတ်ဆို့|ပိတ်ထား|ဖြတ်တောက်|ပြတ်တောက်|ရပ်ဆိုင်း|မရ", entry{status: domain.AccessClosed})
	l.add("ကန့်သတ်|အခက်အခဲ|ချို့ယွင်း", entry{status: domain.AccessRestricted})
	l.add("ပြန်ဖွင့်|ပြန်လည်ဖွင့်လှစ်", entry{status: domain.AccessOpen})
	l.add("နယ်စပ်", entry{home: true})
}
