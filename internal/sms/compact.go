package sms

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
	"sitroom/internal/normalise"
)

// The compact syntax is for trained monitors on a phone keypad: a keyword,
// a place, then figures, actors, a status and a date in any order,
//
//	CLASH LAUKKAI K3 I5 D200 MNDAA 27/10
//	ROAD LASHIO-MUSE CLOSED
//	တိုက်ပွဲ လောက်ကိုင် K3 MNDAA မနေ့က
//
// Several statements go in one SMS separated by ";" or new lines. A text
// that does not start with a keyword is free text for the extractor; one
// that does but fails to parse is kept for review and answered with what
// was not understood. docs/SMS.md is the user's guide.

// verb is what a keyword reports.
type verb int

const (
	verbClash verb = iota + 1
	verbAirstrike
	verbShelling
	verbCaptured
	verbDisplaced
	verbRoad
	verbRoadClosed
	verbBridge
	verbTelecom
	verbAirport
)

// keyword is one word that starts a statement.
type keyword struct {
	verb    verb
	name    string // canonical English keyword, for replies and summaries
	burmese bool
}

// keywords maps the words that start a statement. Latin keywords count
// only in capitals, so that prose beginning "Road to Muse…" stays free
// text; the Burmese ones are the words monitors use in their own messages.
var keywords = map[string]keyword{
	"CLASH": {verbClash, "CLASH", false}, "BATTLE": {verbClash, "CLASH", false},
	"AIRSTRIKE": {verbAirstrike, "AIRSTRIKE", false}, "DRONE": {verbAirstrike, "AIRSTRIKE", false},
	"SHELLING": {verbShelling, "SHELLING", false}, "ARTILLERY": {verbShelling, "SHELLING", false},
	"CAPTURED": {verbCaptured, "CAPTURED", false}, "SEIZED": {verbCaptured, "CAPTURED", false},
	"DISPLACED": {verbDisplaced, "DISPLACED", false}, "IDP": {verbDisplaced, "DISPLACED", false},
	"ROAD": {verbRoad, "ROAD", false}, "BRIDGE": {verbBridge, "BRIDGE", false},
	"TELECOM": {verbTelecom, "TELECOM", false},
	"AIRPORT": {verbAirport, "AIRPORT", false},

	"တိုက်ပွဲ":            {verbClash, "CLASH", true},         // battle
	"လေကြောင်း":           {verbAirstrike, "AIRSTRIKE", true}, // air (attack)
	"လေကြောင်းတိုက်ခိုက်": {verbAirstrike, "AIRSTRIKE", true}, // air attack
	"ဒရုန်း":              {verbAirstrike, "AIRSTRIKE", true}, // drone
	"အမြောက်":             {verbShelling, "SHELLING", true},   // artillery
	"သိမ်း":               {verbCaptured, "CAPTURED", true},   // seized
	"သိမ်းပိုက်":          {verbCaptured, "CAPTURED", true},   // captured
	"ထွက်ပြေး":            {verbDisplaced, "DISPLACED", true}, // fled
	"စစ်ရှောင်":           {verbDisplaced, "DISPLACED", true}, // war-displaced
	"လမ်း":                {verbRoad, "ROAD", true},           // road
	"လမ်းပိတ်":            {verbRoadClosed, "ROAD", true},     // road closed
	"တံတား":               {verbBridge, "BRIDGE", true},       // bridge
	"ဆက်သွယ်ရေး":          {verbTelecom, "TELECOM", true},     // communications
	"ဖုန်း":               {verbTelecom, "TELECOM", true},     // phone
	"အင်တာနက်":            {verbTelecom, "TELECOM", true},     // internet
	"လေဆိပ်":              {verbAirport, "AIRPORT", true},     // airport
}

// statuses maps access status words to domain access statuses.
var statuses = map[string]string{
	"CLOSED": domain.AccessClosed, "CLOSE": domain.AccessClosed, "BLOCKED": domain.AccessClosed,
	"DOWN": domain.AccessClosed, "CUT": domain.AccessClosed, "OFF": domain.AccessClosed,
	"DESTROYED": domain.AccessClosed,
	"OPEN":      domain.AccessOpen, "OPENED": domain.AccessOpen, "UP": domain.AccessOpen, "ON": domain.AccessOpen,
	"RESTORED":   domain.AccessOpen,
	"RESTRICTED": domain.AccessRestricted, "LIMITED": domain.AccessRestricted, "SLOW": domain.AccessRestricted,
	"ပိတ်":    domain.AccessClosed,     // closed
	"ပြတ်":    domain.AccessClosed,     // cut
	"ဖွင့်":   domain.AccessOpen,       // open
	"ပြန်ရ":   domain.AccessOpen,       // back (restored)
	"ကန့်သတ်": domain.AccessRestricted, // restricted
}

// figurePrefixes maps the letter (or Burmese word) before a count to the
// figure it gives: K3 is "at least 3 killed".
var figurePrefixes = map[string]domain.FigureKind{
	"K": domain.Killed, "I": domain.Injured, "D": domain.Displaced, "A": domain.Arrested,
	"သေ":    domain.Killed,  // dead
	"ဒဏ်ရာ": domain.Injured, // wounded
}

// stateActors are the names the military goes by in short messages: a
// place they take back is "government regains territory".
var stateActors = map[string]bool{"TATMADAW": true, "SAC": true, "MILITARY": true, "JUNTA": true, "MAF": true, "ARMY": true, "စစ်ကောင်စီ": true, "စစ်တပ်": true}

var months = map[string]int{"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "SEPT": 9, "OCT": 10, "NOV": 11, "DEC": 12}

var relativeDays = map[string]int{"TODAY": 0, "YDAY": -1, "YESTERDAY": -1, "ယနေ့": 0, "ဒီနေ့": 0, "မနေ့က": -1, "မနေ့": -1}

// MaxStatements bounds the statements one message may carry.
const MaxStatements = 10

// Parsed is what Parse made of a message.
type Parsed struct {
	// Keyword is the canonical keyword of the first statement ("CLASH"),
	// or "" when the message is free text.
	Keyword string
	// Burmese is true when the keyword was written in Burmese; replies
	// follow the sender's language.
	Burmese bool
	// Events holds one structured event per statement.
	Events []intake.EventInput
}

// Structured reports whether the message used the compact syntax.
func (p Parsed) Structured() bool { return p.Keyword != "" }

// ParseError says which part of a compact message was not understood.
type ParseError struct {
	Token   string // the word at fault, as sent
	Reason  string // what is wrong with it, in English
	Example string // a message of the same kind that would parse
	Burmese bool
}

func (e *ParseError) Error() string {
	msg := fmt.Sprintf("compact syntax: %q", e.Token)
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// Reply is the short SMS that tells the sender what was not understood,
// kept to one segment.
func (e *ParseError) Reply() string {
	tok := e.Token
	if utf8.RuneCountInString(tok) > 20 {
		tok = string([]rune(tok)[:20]) + "…"
	}
	var s string
	if e.Burmese {
		// "Not understood: … Example: …"
		s = fmt.Sprintf("နားမလည်ပါ: '%s'။ ဥပမာ %s", tok, e.Example)
	} else {
		s = fmt.Sprintf("Not understood: '%s'. Send e.g. %s", tok, e.Example)
	}
	return Truncate(s, 1)
}

// Ack is the acknowledgement a sender gets for a stored report: the
// report's short reference, in one segment.
func Ack(ref string, burmese bool) string {
	if burmese {
		return Truncate("လက်ခံရရှိပါပြီ။ ref "+ref, 1) // "Received."
	}
	return Truncate("sitroom: received, ref "+ref+". Thank you.", 1)
}

// ShortRef is the reference an acknowledgement carries: the last eight
// characters of a report id (the random part of a ULID), enough for a
// monitor to quote and a reviewer to search.
func ShortRef(reportID string) string {
	if len(reportID) <= 8 {
		return reportID
	}
	return reportID[len(reportID)-8:]
}

// IsCompact reports whether a text starts with a keyword, that is whether
// Parse will treat it as compact syntax.
func IsCompact(text string) bool {
	words := strings.Fields(text)
	if len(words) == 0 {
		return false
	}
	_, ok := keywords[trimPunct(words[0])]
	return ok
}

// Parse reads a message in the compact syntax. today is the day the
// message was received (in Myanmar): dates without a year, and YDAY,
// resolve against it. A message that does not start with a keyword gives
// an empty Parsed and no error. A *ParseError is returned for a message
// that starts with a keyword but does not parse; Parsed then carries the
// keyword.
func Parse(text string, today domain.Date) (Parsed, error) {
	var p Parsed
	if !IsCompact(text) {
		return p, nil
	}
	stmts := splitStatements(text)
	for i, st := range stmts {
		words := strings.Fields(st)
		kw, ok := keywords[trimPunct(words[0])]
		if i == 0 {
			p.Keyword, p.Burmese = kw.name, kw.burmese
		}
		if !ok {
			return p, &ParseError{Token: words[0], Reason: "a statement must start with a keyword", Example: example(verbClash, p.Burmese), Burmese: p.Burmese}
		}
		if i >= MaxStatements {
			return p, &ParseError{Token: words[0], Reason: fmt.Sprintf("more than %d statements", MaxStatements), Example: example(kw.verb, kw.burmese), Burmese: kw.burmese}
		}
		ev, err := parseStatement(kw, words[1:], today)
		if err != nil {
			// One bad statement sends the whole message to review: a
			// half-read message is not a report.
			p.Events = nil
			return p, err
		}
		ev.Summary = strings.Join(words, " ")
		p.Events = append(p.Events, ev)
	}
	return p, nil
}

func splitStatements(text string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// example returns a message of a kind that parses, for replies.
func example(v verb, burmese bool) string {
	if burmese {
		switch v {
		case verbRoad, verbRoadClosed, verbBridge, verbTelecom, verbAirport:
			return "လမ်းပိတ် လားရှိုး-မူဆယ်"
		case verbDisplaced:
			return "ထွက်ပြေး ကွတ်ခိုင် 500"
		}
		return "တိုက်ပွဲ လားရှိုး K2"
	}
	switch v {
	case verbAirstrike:
		return "AIRSTRIKE NAMHKAM K2 I6"
	case verbShelling:
		return "SHELLING KUTKAI I2"
	case verbCaptured:
		return "CAPTURED CHINSHWEHAW MNDAA"
	case verbDisplaced:
		return "DISPLACED KUTKAI 500"
	case verbRoad, verbRoadClosed:
		return "ROAD LASHIO-MUSE CLOSED"
	case verbBridge:
		return "BRIDGE HSENWI CLOSED"
	case verbTelecom:
		return "TELECOM LASHIO DOWN"
	case verbAirport:
		return "AIRPORT LASHIO CLOSED"
	}
	return "CLASH LASHIO K2"
}

// statement is the parse state of one statement.
type statement struct {
	kw      keyword
	today   domain.Date
	ev      intake.EventInput
	date    string
	status  string
	count   *int64 // a bare number (DISPLACED's count)
	figures map[domain.FigureKind]int64
}

func (s *statement) fail(tok, reason string) error {
	return &ParseError{Token: tok, Reason: reason, Example: example(s.kw.verb, s.kw.burmese), Burmese: s.kw.burmese}
}

func parseStatement(kw keyword, words []string, today domain.Date) (intake.EventInput, error) {
	s := &statement{kw: kw, today: today, figures: map[domain.FigureKind]int64{}}
	if kw.verb == verbRoadClosed {
		s.status = domain.AccessClosed
	}
	if len(words) == 0 {
		return s.ev, s.fail(kw.name, "needs a place")
	}
	// The place: one word, except for access statements, whose place runs
	// up to the status word ("ROAD LASHIO MUSE CLOSED").
	var place []string
	rest := words
	if isAccess(kw.verb) {
		for len(rest) > 0 && !s.isStatus(rest[0]) && !s.isDate(rest[0]) {
			place = append(place, trimPunct(rest[0]))
			rest = rest[1:]
		}
	} else if s.isFigure(words[0]) || s.isDate(words[0]) || isNumber(words[0]) {
		return s.ev, s.fail(words[0], "a place must come after the keyword")
	} else {
		place, rest = []string{trimPunct(words[0])}, words[1:]
	}
	if len(place) == 0 || place[0] == "" {
		return s.ev, s.fail(kw.name, "needs a place")
	}
	for _, w := range rest {
		if err := s.word(w); err != nil {
			return s.ev, err
		}
	}
	return s.finish(place)
}

func isAccess(v verb) bool {
	return v == verbRoad || v == verbRoadClosed || v == verbBridge || v == verbTelecom || v == verbAirport
}

func (s *statement) isStatus(w string) bool { _, ok := statuses[upper(trimPunct(w))]; return ok }

func (s *statement) isDate(w string) bool {
	_, err := parseDate(trimPunct(w), s.today)
	return err == nil
}

func (s *statement) isFigure(w string) bool { _, _, ok := splitFigure(trimPunct(w)); return ok }

// word reads one word after the place.
func (s *statement) word(raw string) error {
	w := trimPunct(raw)
	if w == "" {
		return nil
	}
	u := upper(w)
	if st, ok := statuses[u]; ok {
		if !isAccess(s.kw.verb) {
			return s.fail(raw, "a status belongs to ROAD, BRIDGE, TELECOM or AIRPORT")
		}
		if s.status != "" && s.kw.verb != verbRoadClosed {
			return s.fail(raw, "the status is given twice")
		}
		s.status = st
		return nil
	}
	if d, err := parseDate(w, s.today); err == nil {
		if s.date != "" {
			return s.fail(raw, "the date is given twice")
		}
		s.date = string(d)
		return nil
	} else if looksLikeDate(w) {
		return s.fail(raw, err.Error())
	}
	if isNumber(w) {
		n, err := number(w)
		if err != nil {
			return s.fail(raw, err.Error())
		}
		if s.count != nil || s.kw.verb != verbDisplaced {
			return s.fail(raw, "a bare number is only the count after DISPLACED; write K3 for 3 killed")
		}
		s.count = &n
		return nil
	}
	if kind, digits, ok := splitFigure(w); ok {
		n, err := number(digits)
		if err != nil {
			return s.fail(raw, err.Error())
		}
		if _, dup := s.figures[kind]; dup {
			return s.fail(raw, string(kind)+" is given twice")
		}
		if isAccess(s.kw.verb) {
			return s.fail(raw, "figures belong to incidents, not to "+s.kw.name)
		}
		s.figures[kind] = n
		return nil
	}
	if !isName(w) {
		return s.fail(raw, "not a figure (K3), a date (27/10) or a name")
	}
	if isAccess(s.kw.verb) {
		return s.fail(raw, s.kw.name+" takes a place and a status (CLOSED, OPEN)")
	}
	if s.kw.verb == verbDisplaced {
		return s.fail(raw, "DISPLACED takes a place and a count")
	}
	s.ev.Actors = append(s.ev.Actors, intake.ActorInput{Name: actorName(w)})
	return nil
}

// finish builds the event once every word is read.
func (s *statement) finish(place []string) (intake.EventInput, error) {
	ev := &s.ev
	ev.DateStart = s.date
	ev.Place = placeName(strings.Join(place, " "))
	switch s.kw.verb {
	case verbClash:
		ev.Type, ev.SubType = string(domain.Battle), string(domain.ArmedClash)
	case verbAirstrike:
		ev.Type, ev.SubType = string(domain.ExplosionRemoteViolence), string(domain.AirDroneStrike)
	case verbShelling:
		ev.Type, ev.SubType = string(domain.ExplosionRemoteViolence), string(domain.ShellingArtilleryMissileAttack)
	case verbCaptured:
		if len(ev.Actors) == 0 {
			return *ev, s.fail(s.kw.name, "needs who took the place, e.g. MNDAA")
		}
		taker := ev.Actors[0].Name
		ev.Type, ev.SubType = string(domain.Battle), string(domain.NonStateActorOvertakesTerritory)
		if stateActors[upper(taker)] {
			ev.SubType = string(domain.GovernmentRegainsTerritory)
		}
		ev.Control = &domain.ControlChange{Actor: taker}
		if len(ev.Actors) > 1 {
			ev.Control.From = ev.Actors[1].Name
		}
	case verbDisplaced:
		if s.count == nil {
			if n, ok := s.figures[domain.Displaced]; ok {
				s.count = &n
				delete(s.figures, domain.Displaced)
			} else {
				return *ev, s.fail(s.kw.name, "needs how many people, e.g. 500")
			}
		}
		ev.Type, ev.Kind = string(domain.StrategicDevelopment), string(domain.KindDisplacement)
		ev.Displaced = s.count
	case verbRoad, verbRoadClosed, verbBridge, verbTelecom, verbAirport:
		if s.status == "" {
			return *ev, s.fail(s.kw.name, "needs a status: CLOSED, OPEN or RESTRICTED")
		}
		ev.Type = string(domain.StrategicDevelopment)
		ev.Kind = string(map[verb]domain.Kind{verbRoad: domain.KindAccessRoad, verbRoadClosed: domain.KindAccessRoad,
			verbBridge: domain.KindAccessBridge, verbTelecom: domain.KindAccessTelecom, verbAirport: domain.KindAccessAirport}[s.kw.verb])
		ev.Access = &domain.Access{Status: s.status}
		if s.kw.verb == verbRoad || s.kw.verb == verbRoadClosed {
			// "LASHIO-MUSE" is the road between two towns: the claim is
			// placed at the first, the route keeps both.
			route := strings.Join(place, " ")
			ends := strings.Split(route, "-")
			ev.Place = placeName(ends[0])
			if len(ends) > 1 {
				names := make([]string, 0, len(ends))
				for _, e := range ends {
					names = append(names, placeName(e))
				}
				ev.Access.Route = strings.Join(names, "–")
			}
		}
	}
	for _, kind := range []domain.FigureKind{domain.Killed, domain.Injured, domain.Displaced, domain.Arrested} {
		n, ok := s.figures[kind]
		if !ok {
			continue
		}
		switch kind {
		case domain.Killed:
			ev.KilledMin = &n
		case domain.Injured:
			ev.InjuredMin = &n
		case domain.Displaced:
			ev.Displaced = &n
		case domain.Arrested:
			ev.Arrested = &n
		}
	}
	if ev.Place == "" {
		return *ev, s.fail(s.kw.name, "needs a place")
	}
	return *ev, nil
}

// splitFigure reads "K3", "k3+", "သေ၃": a known prefix and digits.
func splitFigure(w string) (domain.FigureKind, string, bool) {
	w = strings.TrimSuffix(w, "+")
	i := strings.IndexFunc(w, isAnyDigit)
	if i <= 0 {
		return "", "", false
	}
	kind, ok := figurePrefixes[upper(w[:i])]
	if !ok {
		return "", "", false
	}
	digits := w[i:]
	if !isNumber(digits) {
		return "", "", false
	}
	return kind, digits, true
}

func isAnyDigit(r rune) bool { return (r >= '0' && r <= '9') || (r >= '၀' && r <= '၉') }

// isNumber reports whether w is digits (ASCII or Burmese), with optional
// thousands separators and a trailing "+".
func isNumber(w string) bool {
	w = strings.TrimSuffix(w, "+")
	if w == "" || !isAnyDigit([]rune(w)[0]) {
		return false
	}
	for _, r := range w {
		if !isAnyDigit(r) && r != ',' {
			return false
		}
	}
	return true
}

// maxCount bounds a count: anything larger is a typo.
const maxCount = 10_000_000

func number(w string) (int64, error) {
	w = strings.ReplaceAll(strings.TrimSuffix(normalise.Digits(w), "+"), ",", "")
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil || n < 0 || n > maxCount {
		return 0, fmt.Errorf("%s is not a count", w)
	}
	return n, nil
}

// looksLikeDate reports whether a word is meant as a date ("32/10").
func looksLikeDate(w string) bool {
	w = normalise.Digits(w)
	if strings.ContainsAny(w, "/.") && strings.IndexFunc(w, isAnyDigit) == 0 {
		return true
	}
	i := strings.IndexFunc(w, func(r rune) bool { return !isAnyDigit(r) })
	if i > 0 {
		_, ok := months[upper(w[i:])]
		return ok
	}
	return false
}

// parseDate reads 27/10, 27/10/23, 27/10/2023, 27.10, 27OCT, 27OCT23,
// TODAY, YDAY and their Burmese forms. A date without a year is the latest
// such day not after today; a date after today is refused.
func parseDate(w string, today domain.Date) (domain.Date, error) {
	if off, ok := relativeDays[upper(w)]; ok {
		return today.AddDays(off), nil
	}
	w = normalise.Digits(w)
	var day, month, year int
	switch {
	case strings.ContainsAny(w, "/."):
		parts := strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '.' })
		if len(parts) < 2 || len(parts) > 3 {
			return "", fmt.Errorf("not a date (write 27/10)")
		}
		var err error
		if day, err = strconv.Atoi(parts[0]); err != nil {
			return "", fmt.Errorf("not a date (write 27/10)")
		}
		if month, err = strconv.Atoi(parts[1]); err != nil {
			return "", fmt.Errorf("not a date (write 27/10)")
		}
		if len(parts) == 3 {
			if year, err = strconv.Atoi(parts[2]); err != nil {
				return "", fmt.Errorf("not a date (write 27/10)")
			}
		}
	default:
		i := strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' })
		if i <= 0 || i > 2 {
			return "", fmt.Errorf("not a date")
		}
		day, _ = strconv.Atoi(w[:i])
		rest := upper(w[i:])
		j := strings.IndexFunc(rest, func(r rune) bool { return r >= '0' && r <= '9' })
		mon := rest
		if j >= 0 {
			mon = rest[:j]
			y, err := strconv.Atoi(rest[j:])
			if err != nil {
				return "", fmt.Errorf("not a date (write 27OCT)")
			}
			year = y
		}
		m, ok := months[mon]
		if !ok {
			return "", fmt.Errorf("not a date (write 27OCT)")
		}
		month = m
	}
	if year > 0 && year < 100 {
		year += 2000
	}
	t := today.Time()
	if year == 0 {
		year = t.Year()
		if month > int(t.Month()) || (month == int(t.Month()) && day > t.Day()) {
			year--
		}
	}
	d, err := domain.ParseDate(fmt.Sprintf("%04d-%02d-%02d", year, month, day))
	if err != nil || month < 1 || month > 12 || day < 1 || day > 31 || d.Time().Day() != day {
		return "", fmt.Errorf("%02d/%02d is not a day", day, month)
	}
	if d > today {
		return "", fmt.Errorf("%s is after today", d)
	}
	return d, nil
}

// isName reports whether a word can be an actor: letters (any script,
// with their marks), hyphens, dots and ampersands, and no digits.
func isName(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsMark(r), r == '-', r == '&', r == '.', r == '\'':
		default:
			return false
		}
	}
	return letters > 0
}

// actorName keeps an acronym as sent ("MNDAA") and upper-cases Latin.
func actorName(w string) string { return upper(w) }

// placeName turns "LAUKKAI" into "Laukkai" and "CHIN-SHWE-HAW" into
// "Chin Shwe Haw"; Burmese names are kept as sent. The gazetteer matches
// names without regard to case.
func placeName(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", " "))
	if strings.IndexFunc(s, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
		return s
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
	}
	return strings.Join(words, " ")
}

// upper folds ASCII letters only: Burmese has no case, and folding other
// scripts could merge words.
func upper(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return strings.ToUpper(s)
		}
	}
	return s
}

// trimPunct drops the punctuation people put around words ("CLASH,").
func trimPunct(w string) string {
	return strings.TrimFunc(w, func(r rune) bool {
		return r == ',' || r == ':' || r == '!' || r == '?' || r == '"' || r == '(' || r == ')' || r == '။' || r == '၊'
	})
}
