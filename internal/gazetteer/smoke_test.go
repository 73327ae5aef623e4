package gazetteer

import (
	"fmt"
	"testing"
	"time"
)

func TestSmoke(t *testing.T) {
	st := time.Now()
	g := Default()
	t.Log("load", time.Since(st))
	st = time.Now()
	g.names()
	t.Log("index", time.Since(st))
	ctx := Context{DefaultArea: "MMR015"}
	for _, q := range []string{"Laukkai", "Laukkaing township", "Laogai", "Chin Shwe Haw", "Chinshwehaw", "Namkham", "Namhkam", "Namhkan town", "Hsenwi", "Hseni", "Theinni", "Mantong", "Manton", "Mangton", "Kyukok", "Pang Hseng", "Pansai", "Mongko", "Mong Ko", "Monekoe", "near Kutkai", "outskirts of Lashio", "Kutkai township, northern Shan", "Nam Hpat Kar village", "Namphetka", "northern Shan", "Kokang region", "Wa region", "Kokang", "လားရှိုးမြို့နယ်", "မူဆယ်", "Namhkham", "Kutkaing", "Lashio district", "Mandalay", "Yangon", "Sagaing region", "Hsipaw", "Hsibaw", "Muse", "Kachin State", "MMR015D005", "105 Mile", "Mongli camp in Hsenwi Township", "Pangsang", "Tangyan", "Kunlong", "Hopang", "Mong Yai", "Namtu", "Lasho"} {
		cs := g.Resolve(q, ctx)
		if len(cs) == 0 {
			fmt.Printf("%-35s -> NONE\n", q)
			continue
		}
		c := cs[0]
		alt := ""
		if len(cs) > 1 {
			alt = fmt.Sprintf("| 2nd %s %s %.3f", cs[1].Place.PCode, cs[1].Place.Name, cs[1].Score)
		}
		fmt.Printf("%-35s -> %s %-14s %-28s %.3f p%d %q %s %+v %s\n", q, c.Place.PCode, c.Place.Level, c.Place.Name, c.Score, c.Precision, c.Matched, c.AliasKind, c.Qualifier, alt)
	}
	txt := `Fighting broke out near Laukkai on Friday as the MNDAA attacked junta positions. Thousands fled toward Chin Shwe Haw. The Kachin Independence Army said clashes continued in Namhkam township and near Kutkai town. Senior General Min Aung Hlaing visited Lashio. A man was killed in Man village. Residents of Hsenwi and Muse fled. လားရှိုးမြို့နယ် တွင် တိုက်ပွဲ။`
	st = time.Now()
	ms := g.Scan(txt, ctx)
	t.Log("scan", time.Since(st))
	for _, m := range ms {
		fmt.Printf("%d-%d %q -> %s %s %s %.3f %+v\n", m.Start, m.End, m.Text, m.Chosen.Place.PCode, m.Chosen.Place.Level, m.Chosen.Place.Name, m.Chosen.Score, m.Qualifier)
	}
}
