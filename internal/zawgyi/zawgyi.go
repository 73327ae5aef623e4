// Package zawgyi detects Zawgyi-encoded Burmese and converts between Zawgyi
// and Unicode.
//
// Zawgyi is a font encoding that reuses Unicode's Myanmar code points for
// different glyphs, so the same bytes read differently in each; much Burmese
// text from Shan State still arrives in it. This package is a pure-Go port
// of Google myanmar-tools: the detector's Markov model and the CLDR
// "Zawgyi-my" transforms as myanmar-tools compiles them into regex phases.
// The model and rules are embedded (see data/NOTICE) and loaded once, on
// first use.
package zawgyi

import (
	_ "embed"
	"sync"
)

var (
	//go:embed data/zawgyiUnicodeModel.dat
	modelData []byte
	//go:embed data/myanmartools_z2u_rules.json
	z2uData []byte
	//go:embed data/myanmartools_u2z_rules.json
	u2zData []byte
	//go:embed data/myanmartools_znorm_rules.json
	znormData []byte
)

// The embedded model and rules are fixed at build time and covered by the
// package tests, so a failure to load them is a build defect: panic.
var (
	defaultDetector = sync.OnceValue(func() *Detector { return must(NewDetector(modelData)) })
	z2u             = sync.OnceValue(func() *Converter { return must(NewConverter(z2uData)) })
	u2z             = sync.OnceValue(func() *Converter { return must(NewConverter(u2zData)) })
	znorm           = sync.OnceValue(func() *Converter { return must(NewConverter(znormData)) })
)

func must[T any](v T, err error) T {
	if err != nil {
		panic("zawgyi: embedded data: " + err.Error())
	}
	return v
}

// DefaultDetector returns the detector built from the embedded model.
func DefaultDetector() *Detector { return defaultDetector() }

// Probability returns the probability that s is Zawgyi rather than Unicode,
// using the embedded model; −Inf when s has no Myanmar code point. See
// [Detector.Probability].
func Probability(s string) float64 { return defaultDetector().Probability(s) }

// ToUnicode converts Zawgyi text to Unicode (the Z2U transform). Non-Burmese
// text passes through unchanged. Run it only on text detected as Zawgyi:
// applied to Unicode Burmese it scrambles the text.
func ToUnicode(s string) string { return z2u().Convert(s) }

// ToZawgyi converts Unicode Burmese text to Zawgyi (the U2Z transform). It
// exists for tests and for building Zawgyi forms of names.
func ToZawgyi(s string) string { return u2z().Convert(s) }

// Normalize rewrites Zawgyi text into one canonical spelling (the ZNorm
// transform): Zawgyi allows several byte orders and look-alike code points
// for the same rendering; after Normalize two renderings that look the same
// compare equal. The input and output are Zawgyi.
func Normalize(s string) string { return znorm().Convert(s) }
