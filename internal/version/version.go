// Package version holds sitroom's version and the credits for the data it
// embeds, printed by `sitroom version` and the about page.
package version

// Version is set at build time with -ldflags "-X sitroom/internal/version.Version=…".
var Version = "0.1.0-dev"

// Credit names one embedded data set, its source and licence.
type Credit struct {
	Data    string
	Source  string
	Licence string
}

// Credits lists every data set sitroom embeds and the credit each asks for.
var Credits = []Credit{
	{"Myanmar place codes (states/regions, districts, townships, towns, village tracts, wards)",
		"Source: MIMU Myanmar PCodes Release 9.6 (Feb 2025), themimu.info/place-codes",
		"free for non-profit humanitarian, development and peace use, with MIMU credited"},
	{"Burmese names of states/regions and districts",
		"kyawthura-gg/myanmar-geography-json (from MIMU)", "MIT"},
	{"Place names and points (cities500)",
		"GeoNames (geonames.org)", "CC BY 4.0"},
	{"Map outlines of the dashboard (Natural Earth 1:10m countries, via world-atlas)",
		"Natural Earth (naturalearthdata.com); world-atlas by Mike Bostock", "public domain; world-atlas ISC"},
	{"Fonts of the situation report's PDF (Noto Sans, Noto Sans Myanmar)",
		"The Noto project (github.com/notofonts), Google", "SIL Open Font License 1.1"},
	{"Zawgyi detector model and Zawgyi/Unicode conversion rules",
		"Google myanmar-tools (github.com/google/myanmar-tools); conversion rules from Unicode CLDR",
		"Apache-2.0; CLDR rules under the Unicode licence"},
}
