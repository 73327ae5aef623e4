package main

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPostgresNode runs a node on PostgreSQL through Main: reports in,
// claims clustered, a review, the figures — the same behaviour as on SQLite.
func TestPostgresNode(t *testing.T) {
	dsn := os.Getenv("SITROOM_TEST_POSTGRES_DSN")
	if dsn == "" {
		t.Skip("set SITROOM_TEST_POSTGRES_DSN to run a node on PostgreSQL")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("sitroom_e2e_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); admin.Close() })
	u, _ := url.Parse(dsn)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db := u.String()

	s := startMain(t, db, "serve", "--addr", "127.0.0.1:0", "--db", db, "--key-file", filepath.Join(t.TempDir(), "node.key"))
	s.db = db
	if code, out, errs := run(t, "", "ingest", "--db", db, "--key-file", filepath.Join(t.TempDir(), "k"), "../../internal/demo/scenario.jsonl"); code != 0 {
		t.Fatalf("ingest: %s %s", out, errs)
	}
	viewer, rev := s.token(t, "viewer"), s.token(t, "reviewer")
	var page struct {
		Items []struct {
			ID          string
			Version     int64
			SourceCount int `json:"source_count"`
		}
	}
	s.get(t, "/api/v1/events?limit=500", viewer).json(t, &page)
	if len(page.Items) < 100 {
		t.Fatalf("%d events on PostgreSQL", len(page.Items))
	}
	corroborated := 0
	for _, e := range page.Items {
		if e.SourceCount >= 2 {
			corroborated++
		}
	}
	if corroborated == 0 {
		t.Errorf("no event has two sources: clustering did not run")
	}
	e := page.Items[0]
	r := s.doIfMatch(t, "PATCH", "/api/v1/events/"+e.ID, rev, fmt.Sprintf(`"%d"`, e.Version), `{"status":"verified","reason":"checked"}`)
	if r.status != 200 {
		t.Fatalf("verify on PostgreSQL: %d %s", r.status, r.body)
	}
	if r := s.doIfMatch(t, "PATCH", "/api/v1/events/"+e.ID, rev, fmt.Sprintf(`"%d"`, e.Version), `{"status":"rejected","reason":"stale"}`); r.status != 409 {
		t.Errorf("stale write on PostgreSQL: %d", r.status)
	}
	var fig struct {
		Total struct{ Displaced struct{ Value int } }
	}
	s.get(t, "/api/v1/figures?pcode=MMR015&since=2023-10-27&until=2023-12-31", viewer).json(t, &fig)
	if fig.Total.Displaced.Value == 0 {
		t.Errorf("figures on PostgreSQL: %+v", fig)
	}
}
