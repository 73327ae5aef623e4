package gazetteer

// foreignNames are places outside Myanmar that reports about its borders
// name often and that sit one or two letters from a Myanmar name
// ("Kunming" is not Kunhing, "Dehong" is not Thegon, "China" is not Cikha):
// a span that reads as one of them is not a Myanmar place. Folded form.
var foreignNames = map[string]bool{}

func init() {
	for _, n := range []string{
		// Yunnan and the Chinese side of the border.
		"china", "chinese", "yunnan", "kunming", "dehong", "ruili", "jiegao", "wanding", "lincang", "nansan",
		"zhenkang", "mengding", "cangyuan", "menglian", "xishuangbanna", "mengla", "tengchong", "baoshan",
		"longchuan", "yingjiang", "lushui", "beijing", "shanghai", "guangzhou", "hong kong", "taiwan",
		// Thailand, India, Bangladesh, Laos.
		"thailand", "thai", "bangkok", "chiang mai", "chiang rai", "mae sot", "mae sai", "tak",
		"india", "indian", "manipur", "mizoram", "nagaland", "assam", "delhi", "new delhi", "imphal",
		"bangladesh", "dhaka", "cox s bazar", "laos", "vientiane",
		// Places named for agencies and talks.
		"geneva", "new york", "washington", "london", "tokyo", "singapore", "jakarta", "kuala lumpur",
	} {
		foreignNames[n] = true
	}
}

// dropForeign removes spans that read as a foreign place.
func dropForeign(f *folded, spans []span) []span {
	out := spans[:0]
	for _, s := range spans {
		if !foreignNames[string(f.b[s.a:s.b])] {
			out = append(out, s)
		}
	}
	return out
}
