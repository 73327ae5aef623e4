package storetest

import (
	"context"
	"testing"

	"sitroom/internal/domain"
)

func init() {
	register(suite{"ReprocessStore", testReprocessStore})
}

func testReprocessStore(t *testing.T, s domain.Store) {
	ctx := context.Background()
	rs := s.(domain.ReprocessStore)
	es := s.(domain.EventStore)
	save(t, s,
		fixture(500, func(sub *domain.Submission) {
			sub.Report.Coding = domain.CodingExtracted
			sub.Events, sub.Audit = nil, nil
			sub.Claims[0].EventID = ""
		}),
		fixture(501, func(sub *domain.Submission) {
			sub.Report.Coding = domain.CodingUncoded
			sub.Claims, sub.Events, sub.Audit = nil, nil, nil
		}),
		fixture(502, nil), // structured
	)
	got, err := rs.FreeTextReports(ctx, "", 10)
	if err != nil || len(got) != 2 || got[0].ID != "R0500" || got[1].ID != "R0501" {
		t.Fatalf("FreeTextReports = %v, %v", got, err)
	}
	if more, _ := rs.FreeTextReports(ctx, "R0500", 10); len(more) != 1 || more[0].ID != "R0501" {
		t.Errorf("FreeTextReports after R0500 = %v", more)
	}
	if err := es.SupersedeClaims(ctx, []string{"C0500"}, base); err != nil {
		t.Fatal(err)
	}
	c := fixture(500, nil).Claims[0]
	c.ID, c.EventID, c.Extractor = "C0500b", "", "extract/9"
	if err := rs.AddClaims(ctx, "R0500", []domain.Claim{c}, domain.CodingExtracted); err != nil {
		t.Fatal(err)
	}
	live, _ := s.ReportClaims(ctx, "R0500")
	if len(live) != 1 || live[0].ID != "C0500b" || live[0].Seq != 1 || live[0].Extractor != "extract/9" {
		t.Errorf("claims after re-extraction = %+v", live)
	}
	r, _ := s.GetReport(ctx, "R0500")
	if r.ClaimCount != 1 || r.Coding != domain.CodingExtracted {
		t.Errorf("report after re-extraction = %+v", r)
	}
	if err := rs.AddClaims(ctx, "R0501", nil, domain.CodingUncoded); err != nil {
		t.Errorf("no claims: %v", err)
	}
	if err := rs.AddClaims(ctx, "nope", nil, domain.CodingUncoded); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("missing report: %v", err)
	}
}
