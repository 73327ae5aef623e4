package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/extract"
	"sitroom/internal/extract/gazplaces"
	"sitroom/internal/gazetteer"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/postgres"
	"sitroom/internal/pseudonym"
	"sitroom/internal/sqlite"
	"sitroom/internal/sqlstore"
)

// storeFlags are the flags of every command that opens the database.
type storeFlags struct {
	db      string
	keyFile string
	area    string
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.db, "db", "sitroom.db", "database: a SQLite file path, or a postgres:// URL")
	fs.StringVar(&f.keyFile, "key-file", "", "the node's secret key for reporter pseudonyms (created if missing; default: next to a SQLite database, else ./sitroom.key)")
	fs.StringVar(&f.area, "area", "MMR015", "the node's area (a MIMU P-code): place names shared by several places resolve inside it first")
}

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// openStore opens and migrates the database a --db value names.
func openStore(ctx context.Context, db string) (*sqlstore.Store, error) {
	if isPostgres(db) {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db)
}

// app is what most commands need: the store and the intake pipeline.
type app struct {
	store  *sqlstore.Store
	clock  domain.Clock
	ids    domain.IDs
	intake *intake.Service
	engine *corroborate.Engine
	places *gazetteer.Gazetteer
	log    *slog.Logger
	// key is the node's secret key (the key file's bytes); parts that need
	// keys of their own derive them from it (pseudonyms use it directly).
	key []byte
}

func (f *storeFlags) keyPath() string {
	switch {
	case f.keyFile != "":
		return f.keyFile
	case isPostgres(f.db):
		return "sitroom.key"
	default:
		return f.db + ".key"
	}
}

// open builds the app: store, clock, ids, pseudonym key and pipeline.
func (f *storeFlags) open(ctx context.Context, logOut io.Writer) (*app, error) {
	store, err := openStore(ctx, f.db)
	if err != nil {
		return nil, err
	}
	key, err := pseudonym.LoadOrCreateKey(filepath.Clean(f.keyPath()))
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("key file: %w", err)
	}
	keyer, err := pseudonym.New(key)
	if err != nil {
		store.Close()
		return nil, err
	}
	clk := clock.System{}
	idg := ids.NewULID(clk, nil)
	a := &app{store: store, clock: clk, ids: idg, log: slog.New(slog.NewTextHandler(logOut, nil)), key: key}
	a.engine = corroborate.NewEngine(store, clk, idg, corroborate.Config{Log: a.log, Actors: extract.Expand})
	a.places = gazetteer.Default().InArea(f.area)
	a.intake = newPipeline(store, clk, idg, keyer)
	a.intake.Geocoder.Gazetteer = a.places
	a.intake.Extractor = extractStage{extract.New(gazplaces.New(a.places), extract.WithClock(clk),
		// intake has normalised the text already.
		extract.WithNormaliser(func(s string) string { return s }))}
	a.intake.Actors = extract.CanonicalActor
	a.intake.Corroborator = a.engine
	return a, nil
}

func (a *app) Close() error { return a.store.Close() }

// placeName is the gazetteer's name for a P-code, "" when unknown.
func (a *app) placeName(pcode string) string {
	p, err := a.places.Place(pcode)
	if err != nil {
		return ""
	}
	return p.Name
}

// extractStage adapts the extractor to intake.
type extractStage struct{ x *extract.Extractor }

func (e extractStage) Extract(d intake.Document) []domain.Claim {
	return e.x.Extract(extract.Document{Text: d.Text, Date: d.Date, Source: d.Source, Language: d.Language})
}

// newPipeline wires the stages of the pipeline into the intake service.
func newPipeline(store domain.Store, clk domain.Clock, idg domain.IDs, keyer *pseudonym.Keyer) *intake.Service {
	return &intake.Service{Store: store, Clock: clk, IDs: idg, Keyer: keyer}
}
