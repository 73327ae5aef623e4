package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/domain"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/pseudonym"
	"sitroom/internal/sqlstore"
)

// BenchOpener returns a fresh store for one benchmark.
type BenchOpener func(b *testing.B) *sqlstore.Store

// BatchSizes are the batch sizes the intake benchmark measures.
var BatchSizes = []int{1, 100, 500}

// BenchmarkIntake measures, at each batch size, three ways of writing the
// same rows — a report and its claim, as intake stores them before the
// corroborate stage turns claims into events (measured apart, by `sitroom
// bench cluster`) — so that their rates can be compared within one run:
//
//   - raw: the rows, encoded beforehand, through plain prepared INSERTs in
//     one transaction per batch: the driver's own speed;
//   - store: Store.SaveReports with the same submissions (encoding,
//     de-duplication, prepared statements);
//   - intake: intake.Service.Submit of the same reports as structured JSON
//     input (validation, normalisation, hashing, pseudonyms, claims, then
//     SaveReports).
//
// Each reports reports/s; docs/BENCHMARKS.md gives the ratios.
func BenchmarkIntake(b *testing.B, open BenchOpener) {
	for _, size := range BatchSizes {
		b.Run(fmt.Sprintf("batch=%d/raw", size), func(b *testing.B) {
			s := open(b)
			subs := benchSubmissions(b.N, "raw")
			b.ResetTimer()
			for i := 0; i < b.N; i += size {
				b.StopTimer()
				rows, err := sqlstore.EncodeRows(subs[i:min(i+size, b.N)])
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := s.InsertBaseline(context.Background(), rows); err != nil {
					b.Fatal(err)
				}
			}
			reportRate(b)
		})
		b.Run(fmt.Sprintf("batch=%d/store", size), func(b *testing.B) {
			s := open(b)
			subs := benchSubmissions(b.N, "store")
			b.ResetTimer()
			for i := 0; i < b.N; i += size {
				if _, err := s.SaveReports(context.Background(), subs[i:min(i+size, b.N)]); err != nil {
					b.Fatal(err)
				}
			}
			reportRate(b)
		})
		b.Run(fmt.Sprintf("batch=%d/intake", size), func(b *testing.B) {
			s := open(b)
			keyer, _ := pseudonym.New([]byte(strings.Repeat("k", pseudonym.KeySize)))
			clk := clock.NewManual(time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC))
			svc := &intake.Service{Store: s, Clock: clk, IDs: ids.NewULID(clk, nil), Keyer: keyer}
			items := benchItems(b.N)
			p := domain.Principal{Name: "bench", TokenID: "T", Role: domain.RoleReporter}
			b.ResetTimer()
			for i := 0; i < b.N; i += size {
				res, err := svc.Submit(context.Background(), p, items[i:min(i+size, b.N)])
				if err != nil {
					b.Fatal(err)
				}
				if res[0].Status != intake.StatusCreated {
					b.Fatalf("item not created: %+v", res[0])
				}
			}
			reportRate(b)
		})
	}
}

func reportRate(b *testing.B) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

func benchSubmissions(n int, tag string) []domain.Submission {
	subs := make([]domain.Submission, n)
	for i := range subs {
		sub := fixture(i, nil)
		id := fmt.Sprintf("%s-%08d", tag, i)
		sub.Report.ID, sub.Report.ClientID, sub.Report.ContentHash = "R"+id, "c"+id, "h"+id
		sub.Claims[0].ID, sub.Claims[0].ReportID, sub.Claims[0].EventID = "C"+id, "R"+id, ""
		sub.Events, sub.Audit = nil, nil
		subs[i] = sub
	}
	return subs
}

func benchItems(n int) []intake.Item {
	items := make([]intake.Item, n)
	nine := int64(9)
	for i := range items {
		items[i] = intake.Item{Channel: domain.ChannelAPI, Input: intake.Input{
			ID: fmt.Sprintf("bench-%08d", i), Date: "2023-11-13", Source: "Local media",
			Text: fmt.Sprintf("Report %d: fighting in Laukkaing; at least nine killed.", i),
			Events: []intake.EventInput{{Type: "battle", Place: "Laukkaing", DateStart: "2023-11-12",
				Actors:    []intake.ActorInput{{Name: "MNDAA", Role: domain.ActorAttacker}, {Name: "Myanmar military", Role: domain.ActorTarget}},
				KilledMin: &nine, Summary: "clash near the town"}},
		}}
	}
	return items
}
