package extract

import (
	_ "embed"
	"encoding/json"
	"strings"
	"unicode"

	"sitroom/internal/domain"
)

// actors.json is the actor dictionary: canonical names with their aliases
// (English and Burmese), ACLED inter codes and coalitions.
//
//go:embed actors.json
var actorsJSON []byte

var (
	actorList  []domain.Actor
	actorIndex map[string]int // folded name or alias → index into actorList
)

func init() {
	if err := json.Unmarshal(actorsJSON, &actorList); err != nil {
		panic("extract: actors.json: " + err.Error())
	}
	actorIndex = make(map[string]int, len(actorList)*8)
	for i, a := range actorList {
		actorIndex[foldName(a.Name)] = i
	}
	for i, a := range actorList {
		for _, al := range a.Aliases {
			if _, dup := actorIndex[foldName(al)]; !dup {
				actorIndex[foldName(al)] = i
			}
		}
	}
}

// Actors returns the actor dictionary: every known actor with its aliases,
// inter code and coalition links. The slice is a copy.
func Actors() []domain.Actor {
	out := make([]domain.Actor, len(actorList))
	for i, a := range actorList {
		a.Aliases = append([]string(nil), a.Aliases...)
		a.Members = append([]string(nil), a.Members...)
		a.MemberOf = append([]string(nil), a.MemberOf...)
		out[i] = a
	}
	return out
}

// CanonicalActor looks a name or alias up in the dictionary, ignoring case,
// spaces and punctuation ("Ta'ang National Liberation Army" and "tnla" both
// give TNLA).
func CanonicalActor(name string) (domain.Actor, bool) {
	i, ok := actorIndex[foldName(name)]
	if !ok {
		return domain.Actor{}, false
	}
	return actorList[i], true
}

// foldName keeps the letters and digits of s, lower-cased.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// actorTables adds every alias to the lexicon. Short all-capital aliases
// ("AA", "SAC", "IB") must be spelled so in the text: in lower case they are
// ordinary words.
func actorTables(l *lexicon) {
	for i, a := range actorList {
		for _, al := range append([]string{a.Name}, a.Aliases...) {
			e := entry{actor: i + 1}
			// short acronyms are ordinary words in lower case ("aa", "lid");
			// longer ones are read in any case, as SMS writes them ("mndaa")
			if isAcronym(al) && (len(al) <= 2 || caseWords[strings.ToLower(al)]) {
				e.exact = "*"
			}
			l.add(al, e)
		}
	}
}

// caseWords are acronyms that are also English words.
var caseWords = map[string]bool{"lid": true, "lib": true, "ula": true, "moc": true, "mps": true, "sac": true, "ka": true, "cna": true}

func isAcronym(s string) bool {
	if len(s) > 6 {
		return false
	}
	up := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			up++
		}
	}
	return up >= 2
}

// Expand returns the canonical names an actor name stands for — itself and,
// for a coalition, its members — or nil when the dictionary does not know
// it. Corroboration compares actors by it ("the alliance" and "MNDAA" can be
// one side), and the API widens an actor filter by it.
func Expand(name string) []string {
	a, ok := CanonicalActor(name)
	if !ok {
		return nil
	}
	return append([]string{a.Name}, a.Members...)
}
