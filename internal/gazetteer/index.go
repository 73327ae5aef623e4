package gazetteer

import (
	"slices"
	"strings"

	"sitroom/internal/gazetteer/gazdata"
	"sitroom/internal/gazetteer/internal/textkey"
)

// nameIndex maps the keys of every name to the names that have them.
type nameIndex struct {
	byKey  map[string][]int32 // folded name, and its joined form
	bySkel map[string][]int32 // phonetic skeleton
	del1   map[string][]int32 // skeletons of major names and their one-letter deletions
	major  []int32            // Latin names of towns and larger units
	search []searchKey        // joined keys of every name, sorted, for prefix search
}

// searchKey is a key of a name for prefix search.
type searchKey struct {
	key  string
	name int32
}

// Match qualities: how a name was matched, before its confidence, level and
// context are weighed.
const (
	qualityExact    = 1.0
	qualityJoined   = 0.97 // spaces or hyphens differ: Chin Shwe Haw / Chinshwehaw
	qualitySkeleton = 0.9  // same phonetic skeleton: Namhkam / Namkham
	qualityFuzzy1   = 0.8  // one edit from a skeleton
	qualityFuzzy2   = 0.65 // two edits (phrases only, long names)
)

// levelWordSuffixes are endings of full MIMU names that a name part without
// them covers ("Kutkai Town" → "Kutkai"); the full forms stay out of the
// matching index so that the level word is read as a qualifier instead.
var levelWordSuffixes = []string{" town", " city", " ward", " district", " township"}

func (g *Gazetteer) names() *nameIndex {
	g.idxOnce.Do(func() { g.idx = buildIndex(g.d) })
	return g.idx
}

func buildIndex(d *gazdata.Dataset) *nameIndex {
	ix := &nameIndex{
		byKey:  make(map[string][]int32, len(d.Names)*5/4),
		bySkel: make(map[string][]int32, len(d.Names)),
		del1:   map[string][]int32{},
	}
	add := func(m map[string][]int32, k string, n int32) {
		l := m[k]
		if len(l) > 0 && l[len(l)-1] == n {
			return
		}
		m[k] = append(l, n)
	}
	for i := range d.Names {
		n := &d.Names[i]
		ni := int32(i)
		ix.search = append(ix.search, searchKey{textkey.Joined(n.Fold), ni})
		if !indexable(n) {
			continue
		}
		add(ix.byKey, n.Fold, ni)
		if j := textkey.Joined(n.Fold); j != n.Fold {
			add(ix.byKey, j, ni)
		}
		if n.Script != "Latn" {
			continue
		}
		add(ix.bySkel, n.Skel, ni)
		if d.Places[n.Place].Level <= gazdata.LevelTown && len(n.Skel) >= 4 {
			ix.major = append(ix.major, ni)
			add(ix.del1, n.Skel, ni)
			for _, del := range textkey.Deletes(n.Skel) {
				add(ix.del1, del, ni)
			}
		}
	}
	slices.SortFunc(ix.search, func(a, b searchKey) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return int(a.name - b.name)
	})
	return ix
}

// indexable reports whether a name takes part in matching.
func indexable(n *gazdata.Name) bool {
	if len(n.Fold) < 2 {
		return false
	}
	if n.Kind == "official_mimu" {
		for _, s := range levelWordSuffixes {
			if strings.HasSuffix(n.Fold, s) {
				return false
			}
		}
	}
	if n.Script == "Mymr" || n.Script == "other" {
		// "လားရှိုးမြို့" is Lashio with the word for town: the base name is
		// indexed and the level word is read as a qualifier.
		for _, w := range myAfter {
			if strings.HasSuffix(n.Fold, w.word) && len(n.Fold) > len(w.word) && n.Kind != "official_mimu_my" {
				return false
			}
		}
	}
	return true
}

type nameHit struct {
	name    int32
	quality float64
}

// lookupKey returns the names a folded key matches. fuzzy is the largest
// edit distance tried on skeletons when nothing at town level or above
// matched exactly (0, 1 or 2).
func (g *Gazetteer) lookupKey(fold string, fuzzy int) []nameHit {
	ix := g.names()
	var hits []nameHit
	seen := map[int32]bool{}
	take := func(ns []int32, q func(n int32) float64) {
		for _, n := range ns {
			if !seen[n] {
				seen[n] = true
				hits = append(hits, nameHit{n, q(n)})
			}
		}
	}
	take(ix.byKey[fold], func(n int32) float64 {
		if g.d.Names[n].Fold == fold {
			return qualityExact
		}
		return qualityJoined
	})
	if j := textkey.Joined(fold); j != fold {
		take(ix.byKey[j], func(int32) float64 { return qualityJoined })
	}
	if !textkey.IsASCII(fold) {
		return hits
	}
	skel := textkey.Skeleton(fold)
	take(ix.bySkel[skel], func(int32) float64 { return qualitySkeleton })
	// Edit distance only when no name matched exactly or by sound at town
	// level or above: an exact village-tract name is not a misspelt town.
	if fuzzy == 0 || g.hasMajor(hits) || len(hits) > 0 && hits[0].quality >= qualityJoined || len(skel) < 4 || fuzzy == 1 && len(skel) < 5 {
		return hits
	}
	for _, k := range append([]string{skel}, textkey.Deletes(skel)...) {
		for _, n := range ix.del1[k] {
			if !seen[n] && textkey.Distance(skel, g.d.Names[n].Skel, 1) <= 1 {
				seen[n] = true
				hits = append(hits, nameHit{n, qualityFuzzy1})
			}
		}
	}
	if fuzzy < 2 || len(hits) > 0 || len(skel) < 7 {
		return hits
	}
	for _, n := range ix.major {
		if !seen[n] && textkey.Distance(skel, g.d.Names[n].Skel, 2) <= 2 {
			seen[n] = true
			hits = append(hits, nameHit{n, qualityFuzzy2})
		}
	}
	return hits
}

func (g *Gazetteer) hasMajor(hits []nameHit) bool {
	for _, h := range hits {
		if g.d.Places[g.d.Names[h.name].Place].Level <= gazdata.LevelTown {
			return true
		}
	}
	return false
}

// isStopName reports whether a folded name is also a common English word
// (or too short to tell from one).
func (g *Gazetteer) isStopName(fold string) bool {
	return len(fold) <= 3 || g.stop[fold]
}
