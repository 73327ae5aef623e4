package extract

import "math"

// number is a quantity read from the text: digits ("23,000", "1.5 million",
// "23k", "23 000"), English number words ("twenty-three", "a dozen") or
// Burmese digits and number words ("၂၃၀၀၀", "နှစ်သောင်းသုံးထောင်").
type number struct {
	from, to int // token span
	val      float64
	words    bool // spelled out
}

var unitWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tensWords = map[string]float64{
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
}

var scaleWords = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "lakh": 1e5, "crore": 1e7,
}

// suffix multipliers glued to digits: "23k", "1.5m", "2bn".
var suffixScale = map[string]float64{"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}

// Burmese number words (syllables, as the tokenizer splits them). The
// creaky-tone forms (ဆယ့်, ရာ့, ထောင့်) appear inside compounds.
var myUnits = map[string]float64{
	"တစ်": 1, "နှစ်": 2, "သုံး": 3, "လေး": 4, "ငါး": 5, "ခြောက်": 6, "ခုနစ်": 7, "ခုနှစ်": 7, "ရှစ်": 8, "ကိုး": 9,
}

var myScales = map[string]float64{
	"ဆယ်": 10, "ဆယ့်": 10, "ရာ": 100, "ရာ့": 100, "ထောင်": 1e3, "ထောင့်": 1e3, "သောင်း": 1e4,
	"သိန်း": 1e5, "သန်း": 1e6, "ကုဋေ": 1e7,
}

// numbers finds the quantities in toks[from:to].
func numbers(toks []token, from, to int, out []number) []number {
	for i := from; i < to; {
		n, ok := readNumber(toks, i, to)
		if !ok {
			i++
			continue
		}
		out = append(out, n)
		i = n.to
	}
	return out
}

func readNumber(toks []token, i, to int) (number, bool) {
	t := toks[i]
	switch t.kind {
	case tNum:
		return readDigits(toks, i, to), true
	case tWord:
		return readEnglishWords(toks, i, to)
	case tMy:
		return readBurmeseWords(toks, i, to)
	}
	return number{}, false
}

// readDigits reads a digit token with what may follow it: a second group of
// three digits ("23 000"), a glued suffix ("23k") or a scale word ("1.5
// million", "၂ သောင်း").
func readDigits(toks []token, i, to int) number {
	t := toks[i]
	n := number{from: i, to: i + 1, val: t.val}
	j := i + 1
	// "23 000": a space-separated thousands group
	for t.digits > 0 && t.digits <= 3 && j < to && toks[j].kind == tNum && toks[j].digits == 3 &&
		!toks[j].glued && !toks[j].hy && isASCIIDigits(toks[j].low) && isASCIIDigits(toks[j-1].low) {
		n.val = n.val*1000 + toks[j].val
		j++
		t = toks[j-1]
	}
	n.to = j
	if j < to {
		nx := toks[j]
		if nx.kind == tWord && nx.glued {
			if m, ok := suffixScale[nx.low]; ok {
				n.val *= m
				n.to = j + 1
				return n
			}
		}
		if nx.kind == tWord && !nx.glued {
			if m, ok := scaleWords[nx.low]; ok && m >= 1e3 {
				n.val *= m
				n.to = j + 1
				return n
			}
		}
		if nx.kind == tMy {
			if m, ok := myScales[nx.low]; ok && m >= 10 {
				n.val *= m
				n.to = j + 1
				// "၂ သောင်း ၃ ထောင်"
				if j+2 < to && toks[j+1].kind == tNum {
					if m2, ok := myScales[toks[j+2].low]; ok && m2 < m {
						n.val += toks[j+1].val * m2
						n.to = j + 3
					}
				}
				return n
			}
		}
	}
	return n
}

func isASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// readEnglishWords reads "nine", "twenty-three", "one hundred and twenty",
// "two thousand five hundred", "a dozen", "a hundred".
func readEnglishWords(toks []token, i, to int) (number, bool) {
	total, cur := 0.0, 0.0
	j := i
	seen := false
	if toks[i].low == "a" || toks[i].low == "one" {
		if i+1 < to {
			switch toks[i+1].low {
			case "dozen":
				return number{from: i, to: i + 2, val: 12, words: true}, true
			case "hundred", "thousand", "million":
				if toks[i].low == "a" {
					cur = 1
					j = i + 1
					seen = true
				}
			}
		}
	}
	for j < to {
		w := toks[j]
		if w.kind != tWord {
			break
		}
		if v, ok := unitWords[w.low]; ok {
			if seen && cur != 0 && math.Mod(cur, 10) != 0 {
				break
			}
			if seen && cur != 0 && cur < 20 {
				break
			}
			cur += v
			seen = true
			j++
			continue
		}
		if v, ok := tensWords[w.low]; ok {
			if seen && math.Mod(cur, 100) != 0 {
				break
			}
			cur += v
			seen = true
			j++
			continue
		}
		if v, ok := scaleWords[w.low]; ok && seen {
			if v == 100 {
				cur *= 100
			} else {
				total += cur * v
				cur = 0
			}
			j++
			continue
		}
		if w.low == "and" && seen && j+1 < to {
			if _, ok := unitWords[toks[j+1].low]; ok {
				j++
				continue
			}
			if _, ok := tensWords[toks[j+1].low]; ok {
				j++
				continue
			}
		}
		break
	}
	if !seen {
		return number{}, false
	}
	return number{from: i, to: j, val: total + cur, words: true}, true
}

// readBurmeseWords reads Burmese number words: "သုံး" 3, "နှစ်ဆယ့်သုံး" 23,
// "နှစ်သောင်းသုံးထောင်" 23,000. A scale word alone ("ထောင်ချီ", thousands) is
// not a number.
func readBurmeseWords(toks []token, i, to int) (number, bool) {
	total, cur := 0.0, 0.0
	j := i
	seen := false
	for j < to {
		w := toks[j]
		if w.kind != tMy {
			break
		}
		if v, ok := myUnits[w.low]; ok {
			if seen && cur != 0 {
				break
			}
			cur = v
			seen = true
			j++
			continue
		}
		if v, ok := myScales[w.low]; ok && seen && cur != 0 {
			total += cur * v
			cur = 0
			j++
			continue
		}
		break
	}
	if !seen || total+cur == 0 {
		return number{}, false
	}
	// a lone "လေး" (four, also "little") or "တစ်" (one, also "a") without a
	// scale is too ambiguous in running text unless a classifier follows
	if total == 0 && j < to && !myClassifier[toks[j].low] {
		return number{}, false
	}
	if total == 0 && j >= to {
		return number{}, false
	}
	return number{from: i, to: j, val: total + cur, words: true}, true
}

// myClassifier holds the Burmese counters that follow a number of people or
// things ("၅ ဦး", five persons).
var myClassifier = map[string]bool{"ဦး": true, "ယောက်": true, "ဦးခန့်": true, "ခု": true, "ရက်": true, "လုံး": true, "စင်း": true, "အိမ်": true}
