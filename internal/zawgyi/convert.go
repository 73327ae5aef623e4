package zawgyi

import (
	"encoding/json"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"sitroom/internal/domain"
)

// maxRulesPerPhase bounds a phase so a rule set fits a fixed-size bit mask.
const maxRulesPerPhase = 128

// Converter rewrites text with one of myanmar-tools' compiled CLDR
// transforms (Zawgyi→Unicode, Unicode→Zawgyi or Zawgyi normalisation).
// A Converter is immutable and safe for concurrent use.
type Converter struct {
	name   string
	phases []phase
}

// rulesFile is the JSON form of a transform: phases of ordered regex rules.
type rulesFile struct {
	Name   string `json:"name"`
	Phases []struct {
		Rules []struct {
			Pattern       string `json:"pattern"`
			ReplacementGo string `json:"replacement_go"`
			MatchOnStart  bool   `json:"match_on_start"`
			Revisit       *int   `json:"revisit"`
		} `json:"rules"`
	} `json:"phases"`
}

// ruleMask is a set of rule indices within one phase.
type ruleMask [2]uint64

func (m *ruleMask) set(i int) { m[i>>6] |= 1 << (i & 63) }

// next returns the lowest rule index ≥ from in m, or -1.
func (m *ruleMask) next(from int) int {
	for w := from >> 6; w < len(m); w++ {
		x := m[w]
		if w == from>>6 {
			x &= ^uint64(0) << (from & 63)
		}
		if x != 0 {
			return w<<6 + bits.TrailingZeros64(x)
		}
	}
	return -1
}

// denseLo and denseHi bound the runes whose candidate rules are tabled per
// phase: ASCII and the Myanmar block cover nearly all input.
const (
	asciiEnd = 0x80
	denseLo  = 0x1000
	denseHi  = 0x1100
)

type phase struct {
	rules []rule
	// ascii and myanmar list, for a first rune, the rules that could match
	// text starting with it; other runes are checked rule by rule.
	ascii   [asciiEnd]ruleMask
	myanmar [denseHi - denseLo]ruleMask
	// asciiSkip says when an ASCII byte can be copied without trying rules.
	asciiSkip [asciiEnd]uint8
}

// asciiSkip values.
const (
	skipNever       = iota
	skipAlways      // no rule can start with the byte
	skipIfASCIINext // rules can start with it, but none with ASCII next (or nothing)
)

type rule struct {
	re    *regexp.Regexp
	tmpl  string
	first runeSet      // runes a match can start with
	pairs []prefixPair // how a match can begin, by its first two runes
	// needSecond: some pair constrains the second rune, so checking the
	// pairs can rule the rule out before running the regex.
	needSecond bool
	onStart    bool // only at the start of the string
	revisit    bool // re-scan the replacement instead of moving past it
	// literal rules (no metacharacters, no group references) skip the regex.
	literal     string
	isLiteral   bool
	literalRepl bool // tmpl has no $ and can be copied as is
}

// NewConverter compiles a transform from myanmar-tools' rules JSON (see
// data/myanmartools_*_rules.json). Most callers want [ToUnicode],
// [ToZawgyi] or [Normalize], which use the embedded rules.
func NewConverter(rulesJSON []byte) (*Converter, error) {
	var f rulesFile
	if err := json.Unmarshal(rulesJSON, &f); err != nil {
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi rules: %w", err)
	}
	if len(f.Phases) == 0 {
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi rules %q: no phases", f.Name)
	}
	c := &Converter{name: f.Name, phases: make([]phase, len(f.Phases))}
	for pi, fp := range f.Phases {
		if len(fp.Rules) > maxRulesPerPhase {
			return nil, domain.Errorf(domain.CodeInvalid, "zawgyi rules %q phase %d: %d rules, at most %d", f.Name, pi, len(fp.Rules), maxRulesPerPhase)
		}
		p := &c.phases[pi]
		p.rules = make([]rule, len(fp.Rules))
		for ri, fr := range fp.Rules {
			r, err := compileRule(fr.Pattern, fr.ReplacementGo)
			if err != nil {
				return nil, domain.Errorf(domain.CodeInvalid, "zawgyi rules %q phase %d rule %d: %w", f.Name, pi, ri, err)
			}
			r.onStart = fr.MatchOnStart
			r.revisit = fr.Revisit != nil
			p.rules[ri] = r
		}
		for ch := rune(0); ch < asciiEnd; ch++ {
			p.ascii[ch] = p.scan(ch)
			p.asciiSkip[ch] = p.skipFor(ch, p.ascii[ch])
		}
		for ch := rune(denseLo); ch < denseHi; ch++ {
			p.myanmar[ch-denseLo] = p.scan(ch)
		}
	}
	return c, nil
}

func compileRule(pattern, tmpl string) (rule, error) {
	// Anchored: a rule only ever matches at the cursor.
	re, err := regexp.Compile(`^(?:` + pattern + `)`)
	if err != nil {
		return rule{}, err
	}
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return rule{}, err
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return rule{}, err
	}
	pairs, nullable := prefixes(prog)
	if nullable {
		// An empty match would never advance the cursor.
		return rule{}, domain.Errorf(domain.CodeInvalid, "pattern %q can match the empty string", pattern)
	}
	r := rule{re: re, tmpl: tmpl, pairs: pairs}
	for _, pp := range pairs {
		r.first.add(pp.first)
		r.needSecond = r.needSecond || !pp.second.any
	}
	if lit, complete := re.LiteralPrefix(); complete && re.NumSubexp() == 0 {
		r.literal, r.isLiteral = lit, true
	}
	r.literalRepl = !strings.Contains(tmpl, "$")
	return r, nil
}

// skipFor classifies the ASCII byte ch, whose candidate rules are m.
func (p *phase) skipFor(ch rune, m ruleMask) uint8 {
	if m == (ruleMask{}) {
		return skipAlways
	}
	for i := range p.rules {
		if m[i>>6]&(1<<(i&63)) == 0 {
			continue
		}
		for _, pp := range p.rules[i].pairs {
			if !pp.first.has(ch) {
				continue
			}
			if pp.second.any {
				return skipNever
			}
			for j := 0; j+1 < len(pp.second.ranges); j += 2 {
				if pp.second.ranges[j] < asciiEnd {
					return skipNever
				}
			}
		}
	}
	return skipIfASCIINext
}

// canBegin reports whether a match of r can begin with ch then ch2 (ch2 is
// -1 when ch ends the text).
func (r *rule) canBegin(ch, ch2 rune) bool {
	for _, pp := range r.pairs {
		if pp.first.has(ch) && (pp.second.any || pp.second.has(ch2)) {
			return true
		}
	}
	return false
}

// scan lists the rules whose first-rune set holds ch.
func (p *phase) scan(ch rune) ruleMask {
	var m ruleMask
	for i := range p.rules {
		if p.rules[i].first.has(ch) {
			m.set(i)
		}
	}
	return m
}

// asciiRun returns the length of the leading run of ASCII bytes in s on
// which no rule of p can match.
func (p *phase) asciiRun(s string) int {
	n := 0
	for n < len(s) && s[n] < asciiEnd {
		switch p.asciiSkip[s[n]] {
		case skipNever:
			return n
		case skipIfASCIINext:
			if n+1 < len(s) && s[n+1] >= asciiEnd {
				return n
			}
		}
		n++
	}
	return n
}

// candidates returns the rules that could match text starting with ch.
func (p *phase) candidates(ch rune) ruleMask {
	switch {
	case ch < asciiEnd:
		return p.ascii[ch]
	case ch >= denseLo && ch < denseHi:
		return p.myanmar[ch-denseLo]
	}
	return p.scan(ch)
}

// Name returns the transform's name from its rules file ("Z2U", "U2Z", "ZNorm").
func (c *Converter) Name() string { return c.name }

// Convert runs every phase over s in turn and returns the result. Text that
// no rule touches (Latin, digits, punctuation) passes through unchanged;
// invalid UTF-8 bytes pass through as they are.
func (c *Converter) Convert(s string) string {
	for i := range c.phases {
		s = c.phases[i].run(s)
	}
	return s
}

// run applies one phase. It follows myanmar-tools' runPhase exactly: at each
// cursor position EVERY rule is tried in order against the remaining text
// (a match does not stop the loop: later rules see the rewritten text), and
// a position no rule matches is copied one character on.
func (p *phase) run(in string) string {
	// out stays nil while the output is still a verbatim copy of the input
	// consumed so far (in[:len(in)-len(rest)]): most phases change nothing
	// in most text, and then no buffer is needed.
	var out []byte
	rest := in
	start := true
	var litLoc [2]int // match bounds of a literal rule, without an allocation
	for len(rest) > 0 {
		// Fast path: copy a run of ASCII, or one rune, on which no rule
		// can match.
		n := p.asciiRun(rest)
		ch, size := utf8.DecodeRuneInString(rest)
		cand := p.candidates(ch)
		if n == 0 && cand == (ruleMask{}) {
			n = size
		}
		if n > 0 {
			if out != nil {
				out = append(out, rest[:n]...)
			}
			rest = rest[n:]
			start = false
			continue
		}

		found := false
		ch2 := rune(-2) // the second rune of rest, -2 until decoded, -1 if none
		for i := cand.next(0); i >= 0; i = cand.next(i + 1) {
			r := &p.rules[i]
			if r.onStart && !start {
				continue
			}
			if r.needSecond {
				if ch2 == -2 {
					ch2 = secondRune(rest)
				}
				if !r.canBegin(ch, ch2) {
					continue
				}
			}
			var loc []int
			if r.isLiteral {
				if !strings.HasPrefix(rest, r.literal) {
					continue
				}
				litLoc[1] = len(r.literal)
				loc = litLoc[:]
			} else if loc = r.re.FindStringSubmatchIndex(rest); loc == nil {
				continue
			}
			found = true
			if out == nil {
				out = make([]byte, 0, len(in)+len(in)/4)
				out = append(out, in[:len(in)-len(rest)]...)
			}
			right := rest[loc[1]:]
			if r.revisit {
				var repl []byte
				if r.literalRepl {
					repl = []byte(r.tmpl)
				} else {
					repl = r.re.ExpandString(nil, r.tmpl, rest, loc)
				}
				rest = string(repl) + right
			} else {
				if r.literalRepl {
					out = append(out, r.tmpl...)
				} else {
					out = r.re.ExpandString(out, r.tmpl, rest, loc)
				}
				rest = right
			}
			if len(rest) == 0 {
				break
			}
			// Later rules see the new remainder: refilter by its first rune.
			ch, _ = utf8.DecodeRuneInString(rest)
			cand = p.candidates(ch)
			ch2 = -2
		}
		if !found {
			_, size = utf8.DecodeRuneInString(rest)
			if out != nil {
				out = append(out, rest[:size]...)
			}
			rest = rest[size:]
		}
		start = false
	}
	if out == nil {
		return in
	}
	return string(out)
}

// secondRune returns the second rune of s, or -1 when s has fewer.
func secondRune(s string) rune {
	_, n := utf8.DecodeRuneInString(s)
	if n >= len(s) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s[n:])
	return r
}

// runeSet is a set of runes as sorted [lo, hi] pairs, or every rune.
type runeSet struct {
	any    bool
	ranges []rune
}

func (s runeSet) has(r rune) bool {
	if s.any {
		return true
	}
	for i := 0; i+1 < len(s.ranges); i += 2 {
		if r >= s.ranges[i] && r <= s.ranges[i+1] {
			return true
		}
	}
	return false
}

// addInst adds the runes a rune instruction accepts.
func (s *runeSet) addInst(in *syntax.Inst) {
	switch in.Op {
	case syntax.InstRune1:
		s.add(runeSet{ranges: []rune{in.Rune[0], in.Rune[0]}})
	case syntax.InstRune:
		switch {
		case syntax.Flags(in.Arg)&syntax.FoldCase != 0:
			s.add(runeSet{any: true})
		case len(in.Rune) == 1:
			s.add(runeSet{ranges: []rune{in.Rune[0], in.Rune[0]}})
		default:
			s.add(runeSet{ranges: in.Rune})
		}
	default: // InstRuneAny, InstRuneAnyNotNL and anything new
		s.add(runeSet{any: true})
	}
}

func (s *runeSet) add(o runeSet) {
	if o.any {
		s.any = true
		s.ranges = nil
		return
	}
	if !s.any {
		s.ranges = append(s.ranges, o.ranges...)
	}
}

// prefixPair is one way a match can begin: a first rune in first, then a
// second rune in second.
type prefixPair struct {
	first, second runeSet
}

// prefixes returns how a match of prog can begin (one pair per first-rune
// instruction of the program) and whether prog can match the empty string.
// The sets err towards "any rune": they only ever let the converter skip a
// rule that cannot match.
func prefixes(prog *syntax.Prog) (pairs []prefixPair, nullable bool) {
	var firstInsts []*syntax.Inst
	_, nullable = runeStep(prog, []uint32{uint32(prog.Start)}, &firstInsts)
	for _, in := range firstInsts {
		var first runeSet
		var ignored []*syntax.Inst
		first.addInst(in)
		second, canEnd := runeStep(prog, []uint32{in.Out}, &ignored)
		if canEnd {
			second = runeSet{any: true} // a one-rune match: anything may follow
		}
		pairs = append(pairs, prefixPair{first, second})
	}
	return pairs, nullable
}

// runeStep follows the empty-width transitions from pcs and returns the
// runes the reachable rune instructions accept (appending the instructions
// to insts), and whether a match can end here. Empty-width assertions are
// assumed to pass.
func runeStep(prog *syntax.Prog, pcs []uint32, insts *[]*syntax.Inst) (set runeSet, canEnd bool) {
	seen := make(map[uint32]bool)
	for len(pcs) > 0 {
		pc := pcs[len(pcs)-1]
		pcs = pcs[:len(pcs)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			pcs = append(pcs, in.Out, in.Arg)
		case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop:
			pcs = append(pcs, in.Out)
		case syntax.InstMatch:
			canEnd = true
		case syntax.InstFail:
			// a dead end
		default:
			*insts = append(*insts, in)
			set.addInst(in)
		}
	}
	return set, canEnd
}
