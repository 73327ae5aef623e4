package extract_test

import (
	"testing"

	"sitroom/internal/extract"
	"sitroom/internal/extract/extracttest"
	"sitroom/internal/extract/gazplaces"
	"sitroom/internal/gazetteer"
)

// benchReport is a 1 KB report in the style of a flash update, written for
// the benchmark.
var benchReport = `Fighting between the Myanmar Armed Forces and the Three Brotherhood Alliance continued in Kutkai and Hseni townships over the past week, according to humanitarian partners. On Tuesday, junta artillery shells hit a market in Namhkan town, killing at least four civilians and injuring 11 others, including two children.
The TNLA said its fighters captured a military council outpost near Namtu on 14 November after two days of clashes. About 2,500 people have fled to Lashio since Friday; most are sheltering in monasteries.
- The Lashio-Muse highway remains blocked near Hseni and mobile internet has been cut in Laukkaing, Kunlong and Hopang townships.
- Lashio airport remains closed.
- On 12 November, police in Muse arrested 15 people for posting about the conflict online.
Local sources said a drone strike on Kutkai town on Sunday night damaged several homes; no casualties were reported. Residents of Monekoe said MNDAA and junta forces exchanged fire throughout the weekend.`

var benchBurmese = `နိုဝင်ဘာလ ၁၂ ရက်နေ့က ကိုးကန့်တပ်သည် ကွမ်းလုံမြို့ကို သိမ်းပိုက်ခဲ့သည်။ စစ်ကောင်စီ၏ လေကြောင်းတိုက်ခိုက်မှုကြောင့် လောက်ကိုင်မြို့တွင် အရပ်သား ၁၀ ဦး သေဆုံးခဲ့သည်။ လားရှိုးမြို့သို့ စစ်ဘေးရှောင် ၃,၀၀၀ ကျော် ရောက်ရှိနေသည်။ မူဆယ်နှင့် နမ့်ခမ်းမြို့နယ်များတွင် အင်တာနက် ဖြတ်တောက်ခံထားရသည်။`

// BenchmarkExtract measures reports per second per core (run with -cpu 1):
// the whole extraction of a 1 KB English report with the gazetteer's place
// lookup (what sitroom runs), the gazetteer's lookup alone (the share of the
// place stage), the same extraction with the small test table, and a
// Burmese report.
func BenchmarkExtract(b *testing.B) {
	gaz := gazplaces.New(gazetteer.Default().InArea("MMR015"))
	gx := extract.New(gaz)
	places := extracttest.Places()
	x := extract.New(places)
	doc := extract.Document{Text: benchReport, Date: "2023-11-16"}
	if n := len(gx.Events(doc)); n < 8 {
		b.Fatalf("benchmark report gives %d events", n)
	}
	b.Run("en-1KB-gazetteer", func(b *testing.B) {
		b.SetBytes(int64(len(benchReport)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			gx.Events(doc)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	})
	b.Run("en-1KB-gazetteer-scan-only", func(b *testing.B) {
		b.SetBytes(int64(len(benchReport)))
		for i := 0; i < b.N; i++ {
			gaz.Scan(benchReport)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	})
	b.Run("en-1KB-table", func(b *testing.B) {
		b.SetBytes(int64(len(benchReport)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			x.Events(doc)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	})
	b.Run("en-1KB-table-scan-only", func(b *testing.B) {
		b.SetBytes(int64(len(benchReport)))
		for i := 0; i < b.N; i++ {
			places.Scan(benchReport)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	})
	b.Run("my-gazetteer", func(b *testing.B) {
		d := extract.Document{Text: benchBurmese, Date: "2023-11-16"}
		b.SetBytes(int64(len(benchBurmese)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			gx.Events(d)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	})
}
