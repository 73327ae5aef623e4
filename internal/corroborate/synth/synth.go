// Package synth generates synthetic claims for clustering benchmarks:
// happenings spread over townships and days, each reported by one to four
// sources with the noise real reports carry (a day's shift, a coarser
// place, partial actors, differing figures). The generator is seeded, so a
// benchmark always clusters the same claims.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"sitroom/internal/domain"
)

// Config shapes the synthetic load.
type Config struct {
	Claims     int         // how many claims to make
	Townships  int         // how many townships happenings spread over
	Start      domain.Date // first day
	Days       int         // days the happenings spread over
	Seed       uint64
	ReportSize int // claims per report (reports list several happenings)
}

var subTypes = []domain.SubEventType{domain.ArmedClash, domain.AirDroneStrike, domain.ShellingArtilleryMissileAttack,
	domain.NonStateActorOvertakesTerritory, domain.Attack, domain.OtherDevelopment}

var actorSets = [][]string{{"MNDAA", "Myanmar military"}, {"TNLA", "Myanmar military"}, {"AA", "Myanmar military"},
	{"Myanmar military"}, {"KIA", "Myanmar military"}, {"PDF", "Myanmar military"}}

// Generate returns submissions (reports with pending claims, no events)
// holding cfg.Claims claims in storage order, and for each claim the index
// of the happening it describes.
func Generate(cfg Config, ids domain.IDs, now time.Time) ([]domain.Submission, []int) {
	if cfg.ReportSize <= 0 {
		cfg.ReportSize = 1
	}
	r := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	type happening struct {
		sub    domain.SubEventType
		tsp    int
		town   int
		day    int
		actors []string
		killed int64
	}
	var claims []domain.Claim
	var truth []int
	h := 0
	for len(claims) < cfg.Claims {
		// Happenings arrive roughly in date order, as reports do.
		day := len(claims) * cfg.Days / cfg.Claims
		hp := happening{sub: subTypes[r.IntN(len(subTypes))], tsp: r.IntN(cfg.Townships), town: r.IntN(3), day: day,
			actors: actorSets[r.IntN(len(actorSets))], killed: int64(r.IntN(12))}
		n := 1 + r.IntN(4)
		for k := 0; k < n && len(claims) < cfg.Claims; k++ {
			c := domain.Claim{Type: hp.sub.Type(), SubType: hp.sub, Extractor: "synth", CreatedAt: now,
				Source: fmt.Sprintf("source-%d", r.IntN(40)), Summary: fmt.Sprintf("%s reported in township %d", hp.sub.Name(), hp.tsp)}
			c.SourceKey = "source:" + c.Source
			if hp.sub == domain.OtherDevelopment {
				c.Kind = domain.KindDisplacement
			}
			tsp := fmt.Sprintf("MMR%03d%03d", 1+hp.tsp/40, 1+hp.tsp%40)
			lat, lon := 16+float64(hp.tsp%40)*0.2, 94+float64(hp.tsp/40)*0.5
			c.Location = domain.Location{PlaceName: "Township " + tsp, PCode: tsp, GeoLevel: domain.LevelTownship, GeoPrecision: 2,
				Adm1: tsp[:6], Adm2: tsp[:6] + "D001", Adm3: tsp, Lat: &lat, Lon: &lon}
			if r.IntN(2) == 0 {
				c.Location.PCode = fmt.Sprintf("%s7%02d", tsp, 1+hp.town)
				c.Location.GeoLevel, c.Location.GeoPrecision = domain.LevelTown, 1
			}
			d := domain.Date(cfg.Start).AddDays(hp.day + boolInt(r.IntN(5) == 0))
			c.DateStart, c.DateEnd, c.TimePrecision = d, d, domain.TimeDay
			for i, a := range hp.actors {
				if k > 0 && i > 0 && r.IntN(3) == 0 {
					continue
				}
				role := domain.ActorTarget
				if i == 0 && len(hp.actors) > 1 {
					role = domain.ActorAttacker
				}
				c.Actors = append(c.Actors, domain.ClaimActor{Name: a, Role: role})
			}
			if hp.killed > 0 && r.IntN(3) > 0 {
				c.Figures = []domain.Figure{{Kind: domain.Killed, Min: hp.killed + int64(r.IntN(3)), Qualifier: domain.QualAtLeast}}
			}
			claims = append(claims, c)
			truth = append(truth, h)
		}
		h++
	}
	// Reports bundle consecutive claims from different happenings, in
	// arrival order.
	var subs []domain.Submission
	for i := 0; i < len(claims); i += cfg.ReportSize {
		end := min(i+cfg.ReportSize, len(claims))
		rid := ids.NewID()
		sub := domain.Submission{Report: domain.Report{ID: rid, Channel: domain.ChannelImport, Source: claims[i].Source,
			ReceivedAt: now, Date: claims[end-1].DateEnd, Text: "synthetic report", ContentHash: rid, Coding: domain.CodingStructured}}
		for j := i; j < end; j++ {
			c := claims[j]
			c.ID, c.ReportID, c.Seq = ids.NewID(), rid, j-i
			sub.Claims = append(sub.Claims, c)
		}
		subs = append(subs, sub)
	}
	return subs, truth
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
