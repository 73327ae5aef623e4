package extract

import (
	"strings"
	"unicode"

	"sitroom/internal/domain"
)

// siteWords are the nouns that name a site, with the kind of site each
// names. The longer phrase is tried first.
var siteWords = []struct {
	words []string
	kind  domain.SiteKind
}{
	{[]string{"idp", "camp"}, domain.SiteIDP},
	{[]string{"idp", "site"}, domain.SiteIDP},
	{[]string{"displacement", "camp"}, domain.SiteIDP},
	{[]string{"relief", "camp"}, domain.SiteIDP},
	{[]string{"scam", "compound"}, domain.SiteScamCompound},
	{[]string{"scam", "centre"}, domain.SiteScamCompound},
	{[]string{"scam", "center"}, domain.SiteScamCompound},
	{[]string{"border", "gate"}, domain.SiteBorderGate},
	{[]string{"gate"}, domain.SiteBorderGate},
	{[]string{"bridge"}, domain.SiteBridge},
	{[]string{"airport"}, domain.SiteAirport},
	{[]string{"airfield"}, domain.SiteAirport},
	{[]string{"compound"}, domain.SiteScamCompound},
	{[]string{"base"}, domain.SiteMilitaryBase},
	{[]string{"camp"}, domain.SiteMilitaryBase},
	{[]string{"outpost"}, domain.SiteMilitaryBase},
	{[]string{"headquarters"}, domain.SiteMilitaryBase},
}

// nameStop are capitalised words that start sentences or name actors, not
// sites ("The", "Myanmar military base").
var nameStop = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "our": true, "this": true,
	"that": true, "military": true, "army": true, "junta": true, "regime": true, "on": true, "in": true, "at": true, "of": true,
	"near": true, "and": true, "main": true, "key": true, "strategic": true, "another": true, "one": true}

// findSite names the site a sentence places its event at: a proper name
// right before a site noun ("Kyin San Kyawt gate", "Sakhanthit camp", "the
// Hsenwi bridge", "Lashio airport"). A camp is a displacement site when the
// sentence is about people sheltering, and a compound a scam compound only
// when the sentence speaks of scams or fraud. Unnamed sites are left out:
// a history needs a name to gather under.
func findSite(sent string) *domain.Site {
	toks := strings.FieldsFunc(sent, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	})
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t)
	}
	has := func(words ...string) bool {
		for _, l := range lower {
			for _, w := range words {
				if strings.HasPrefix(l, w) {
					return true
				}
			}
		}
		return false
	}
	for i := range lower {
		for _, sw := range siteWords {
			n := len(sw.words)
			if i+n > len(lower) || !equalWords(lower[i:i+n], sw.words) {
				continue
			}
			kind := sw.kind
			switch {
			case sw.words[0] == "camp" && has("idp", "displaced", "shelter", "fled", "refuge"):
				kind = domain.SiteIDP
			case sw.words[0] == "compound" && !has("scam", "fraud", "casino", "trafficked"):
				continue
			case sw.words[0] == "gate" && !has("border", "trade", "crossing"):
				continue
			}
			name := properBefore(toks, lower, i)
			if name == "" {
				continue
			}
			return &domain.Site{Name: name + " " + strings.Join(toks[i:i+n], " "), Kind: kind}
		}
	}
	return nil
}

// properBefore returns the run of capitalised words right before token i,
// up to four; a number counts only as the last word after a capitalised one
// ("LIB 129 base", "Battalion 127 headquarters"), not a date ("28/10").
func properBefore(toks, lower []string, i int) string {
	start := i
	for start > 0 && i-start < 4 {
		t := toks[start-1]
		r := []rune(t)
		isNum := unicode.IsDigit(r[0])
		if nameStop[lower[start-1]] || !(unicode.IsUpper(r[0]) || isNum) {
			break
		}
		if isNum {
			prev := start - 2
			if start != i || prev < 0 || !unicode.IsUpper([]rune(toks[prev])[0]) || nameStop[lower[prev]] {
				break
			}
		}
		start--
	}
	if start == i {
		return ""
	}
	return strings.Join(toks[start:i], " ")
}
