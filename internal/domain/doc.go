// Package domain holds sitroom's core vocabulary: reports, claims, events,
// places, actors, sources, audit entries and tokens, the event taxonomy, the
// error codes, and the interfaces (Store, Clock, IDs) that adapters implement.
//
// It imports no adapter. Data flows one way through the stages named in
// docs/ARCHITECTURE.md: intake → normalise → extract → geocode → corroborate →
// store → views/outputs; each stage lives in a package of that name and talks
// to the others through the types defined here.
package domain
