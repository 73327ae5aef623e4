package main

import (
	"context"
	"flag"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
	"sitroom/internal/web"
)

// webFlags are the dashboard's settings on serve and demo.
var webFlags struct {
	tileURL, tileAttr, secure string
	sessionTTL                time.Duration
	signInFailures            int
}

// townshipSeats are the gazetteer's township points for the map: the
// places every reader knows, named in English and Burmese.
func townshipSeats(a *app) []web.PlacePoint {
	if a.places == nil {
		return nil
	}
	var out []web.PlacePoint
	for _, f := range a.places.Features(domain.LevelTownship) {
		if !f.HasPoint || !f.Active {
			continue
		}
		out = append(out, web.PlacePoint{PCode: f.PCode, Name: f.Name, NameMy: f.NameMy, Lat: f.Lat, Lon: f.Lon})
	}
	return out
}

// webServer is the mounted dashboard, for the session sweeper.
var webServer *web.Server

func init() {
	extend(extension{
		name: "web",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&webFlags.tileURL, "tile-url", "", "map tiles for nodes with internet (e.g. https://tile.example.org/{z}/{x}/{y}.png); empty keeps the map on the embedded offline basemap")
			fs.StringVar(&webFlags.tileAttr, "tile-attribution", "", "attribution shown with --tile-url tiles")
			fs.StringVar(&webFlags.secure, "secure-cookies", web.SecureAuto, "dashboard cookies Secure: auto (when the request came over TLS or X-Forwarded-Proto: https), always, never")
			fs.DurationVar(&webFlags.sessionTTL, "session-ttl", 12*time.Hour, "how long a dashboard sign-in lasts")
			fs.IntVar(&webFlags.signInFailures, "signin-failures", 10, "failed dashboard sign-ins one client address may make per 15 minutes (negative: no limit)")
		},
		mount: func(a *app, s *httpapi.Server) error {
			w, err := web.New(web.Deps{Store: a.store, API: s, Intake: a.intake, Review: s.Review, Clock: a.clock,
				Places: a.intake.Geocoder.Gazetteer, Log: a.log, Key: a.key, PlacePoints: townshipSeats(a)},
				web.Config{TileURL: webFlags.tileURL, TileAttribution: webFlags.tileAttr, SecureCookies: webFlags.secure, SessionTTL: webFlags.sessionTTL,
					SignInFailures: webFlags.signInFailures})
			if err != nil {
				return err
			}
			w.Mount(s)
			s.Session = w.SessionPrincipal
			webServer = w
			return nil
		},
		run: func(ctx context.Context, a *app) error {
			if webServer == nil {
				return nil
			}
			return webServer.Sweep(ctx, time.Hour)
		},
	})
}
