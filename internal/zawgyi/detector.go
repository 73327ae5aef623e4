package zawgyi

import (
	"encoding/binary"
	"math"

	"sitroom/internal/domain"
)

// Magic numbers of the model file ("UZMODEL " and "BMARKOV " in ASCII).
const (
	modelTag  = 0x555A4D4F44454C20
	markovTag = 0x424D41524B4F5620
)

// State-set versions: whether the space-like code points U+2000–U+200B are
// Markov states (0) or fold into the "other" state (1).
const (
	ssvWithSpaces    = 0
	ssvWithoutSpaces = 1
)

// Detector scores how likely a string is to be Zawgyi-encoded rather than
// Unicode Burmese. It is a two-class Markov chain over Myanmar code points
// (myanmar-tools' model, trained on Burmese in both encodings plus Shan, Mon,
// Karen and Pali text, so those Unicode scripts are not taken for Zawgyi).
// A Detector is immutable and safe for concurrent use.
type Detector struct {
	ssv  int
	size int
	// m[prev*size+cur] is log P(cur|prev, Unicode) − log P(cur|prev, Zawgyi);
	// float32 as stored, summed in float64 like the reference clients.
	m []float32
}

// NewDetector parses a model in myanmar-tools' binary format
// (zawgyiUnicodeModel.dat). Most callers want [Probability], which uses the
// embedded model.
func NewDetector(model []byte) (*Detector, error) {
	r := &beReader{b: model}
	if tag := r.u64(); tag != modelTag {
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi model: bad magic number %#x", tag)
	}
	d := &Detector{}
	switch v := r.i32(); v {
	case 1:
		d.ssv = ssvWithSpaces
	case 2:
		d.ssv = int(r.i32())
	default:
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi model: unknown version %d", v)
	}
	if d.ssv != ssvWithSpaces && d.ssv != ssvWithoutSpaces {
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi model: unknown state set %d", d.ssv)
	}
	if tag := r.u64(); tag != markovTag {
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi model: bad Markov magic number %#x", tag)
	}
	if v := r.i32(); v != 0 {
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi model: unknown Markov version %d", v)
	}
	d.size = int(r.i16())
	if want := stateCount(d.ssv); d.size != want {
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi model: %d states, want %d", d.size, want)
	}
	d.m = make([]float32, d.size*d.size)
	for i1 := 0; i1 < d.size; i1++ {
		entries := int(r.i16())
		if entries == 0 {
			continue // an all-zero row
		}
		fallback := r.f32()
		next := -1 // the column of the next stored cell
		read := 0
		for i2 := 0; i2 < d.size; i2++ {
			if read < entries && next < i2 {
				next = int(r.i16())
				read++
			}
			if next == i2 {
				d.m[i1*d.size+i2] = r.f32()
			} else {
				d.m[i1*d.size+i2] = fallback
			}
		}
		if r.err {
			break
		}
		if read != entries {
			return nil, domain.Errorf(domain.CodeInvalid, "zawgyi model: row %d lists %d cells, %d fit", i1, entries, read)
		}
	}
	if r.err {
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi model: truncated")
	}
	if len(r.b) != r.off {
		return nil, domain.Errorf(domain.CodeInvalid, "zawgyi model: %d trailing bytes", len(r.b)-r.off)
	}
	return d, nil
}

// stateCount is the number of Markov states for a state-set version.
func stateCount(ssv int) int {
	if ssv == ssvWithSpaces {
		return 227
	}
	return 215
}

// state maps a code point to its Markov state; 0 is "not Myanmar". Myanmar
// digits U+1040–U+1049 are deliberately outside every range.
func (d *Detector) state(r rune) int {
	switch {
	case r >= 0x1000 && r <= 0x103F:
		return int(r-0x1000) + 1
	case r >= 0x104A && r <= 0x109F:
		return int(r-0x104A) + 65
	case r >= 0xAA60 && r <= 0xAA7F:
		return int(r-0xAA60) + 151
	case r >= 0xA9E0 && r <= 0xA9FF:
		return int(r-0xA9E0) + 183
	case d.ssv == ssvWithSpaces && r >= 0x2000 && r <= 0x200B:
		return int(r-0x2000) + 215
	}
	return 0
}

// Probability returns the probability, in [0, 1], that s is Zawgyi rather
// than Unicode. It returns −Inf when s holds no Myanmar code point at all
// (read it as "certainly not Zawgyi"). Text around the Burmese does not move
// the score; very short Burmese strings score near 0.5. Invalid UTF-8 bytes
// count as non-Myanmar.
func (d *Detector) Probability(s string) float64 {
	prev, total, seen := 0, 0.0, false
	step := func(cur int) {
		if prev != 0 || cur != 0 { // 0→0 transitions carry no signal
			total += float64(d.m[prev*d.size+cur])
			seen = true
		}
		prev = cur
	}
	for _, r := range s {
		step(d.state(r))
	}
	step(0) // end of string
	if !seen {
		return math.Inf(-1)
	}
	return 1 / (1 + math.Exp(total))
}

// beReader reads big-endian numbers and remembers running off the end.
type beReader struct {
	b   []byte
	off int
	err bool
}

func (r *beReader) take(n int) []byte {
	if r.err || len(r.b)-r.off < n {
		r.err = true
		return make([]byte, n)
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p
}

func (r *beReader) u64() uint64  { return binary.BigEndian.Uint64(r.take(8)) }
func (r *beReader) i32() int32   { return int32(binary.BigEndian.Uint32(r.take(4))) }
func (r *beReader) i16() int16   { return int16(binary.BigEndian.Uint16(r.take(2))) }
func (r *beReader) f32() float32 { return math.Float32frombits(binary.BigEndian.Uint32(r.take(4))) }
