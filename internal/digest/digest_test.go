package digest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"sitroom/internal/contact"
	"sitroom/internal/digest"
	"sitroom/internal/domain"
	"sitroom/internal/export/exporttest"
	"sitroom/internal/gazetteer"
	goldenfile "sitroom/internal/golden"
	"sitroom/internal/ids"
	"sitroom/internal/inbound"
	"sitroom/internal/pseudonym"
	"sitroom/internal/review"
	"sitroom/internal/sms"
)

// golden compares got with testdata/name (go test -update rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func newService(t *testing.T, fx *exporttest.Fixture) *digest.Service {
	t.Helper()
	key := bytes.Repeat([]byte{7}, 32)
	keyer, _ := pseudonym.New(key)
	sealer, _ := contact.NewSealer(key)
	g := fx.Places.InArea("MMR015")
	return &digest.Service{Store: fx.Store, Places: fx.Places, Keyer: keyer, Sealer: sealer, Clock: fx.Clock, IDs: ids.NewSequence("sub"),
		Resolve: func(name string) (domain.Place, bool) {
			c, ok := g.ResolveBest(name, gazetteer.Context{DefaultArea: "MMR015"})
			return c.Place, ok
		}}
}

func sms1(from, text string) inbound.Message {
	return inbound.Message{Channel: domain.ChannelSMS, Gateway: "kannel", ClientID: "kannel:" + text, Contact: from, Text: text}
}

func TestSMSCommands(t *testing.T) {
	ctx := context.Background()
	fx := exporttest.Load(t)
	s := newService(t, fx)
	steps := []struct {
		from, text, reply string
		areas             string // the sender's subscriptions after the step
	}{
		{"+959111", "SUB LASHIO", "sitroom: you get news for Lashio, digest daily at 07:00. STOP LASHIO to end.", "MMR015001:"},
		{"+959111", "SUB LASHIO ROAD", "sitroom: you get road alerts for Lashio, digest daily at 07:00. STOP LASHIO to end.", "MMR015001:road"},
		{"+959111", "SUB Chinshwehaw", "sitroom: you get news for Laukkaing, digest daily at 07:00. STOP LAUKKAING to end.", "MMR015001:road MMR015022:"},
		{"+959111", "LIST", "sitroom: you get news for Lashio, Laukkaing", "MMR015001:road MMR015022:"},
		{"+959111", "SUB NOWHEREVILLE", "sitroom: place 'NOWHEREVILLE' not found. Send e.g. SUB LASHIO", "MMR015001:road MMR015022:"},
		{"+959111", "STOP LASHIO", "sitroom: news for Lashio stopped.", "MMR015022:"},
		{"+959111", "stop", "sitroom: all news stopped. SUB PLACE to start again.", ""},
		{"+959111", "STOP", "sitroom: you had no subscription to stop.", ""},
		{"+959222", "စာရင်းသွင်း လားရှိုး လမ်း", "sitroom: လားရှိုး သတင်း ပို့ပါမည်။ ရပ်ရန် ရပ် ဟုပို့ပါ", "MMR015001:road"},
		{"+959222", "ရပ်", "sitroom: သတင်းအားလုံး ရပ်ပြီးပါပြီ", ""},
	}
	for _, st := range steps {
		reporter := s.Keyer.ID("sms", st.from)
		reply, handled, err := s.Command(ctx, sms1(st.from, st.text), reporter, "kannel")
		if err != nil || !handled || reply != st.reply {
			t.Errorf("%q: %q, %v, %v; want %q", st.text, reply, handled, err, st.reply)
		}
		if sms.Segments(reply).Segments != 1 {
			t.Errorf("%q: reply takes %d segments", st.text, sms.Segments(reply).Segments)
		}
		subs, _ := fx.Store.SubscriptionsOf(ctx, reporter)
		var got []string
		for _, sub := range subs {
			got = append(got, sub.Area+":"+strings.Join(sub.Topics, ","))
			if strings.Contains(sub.ContactHint, "959111") || strings.Contains(sub.ContactHint, "959222") {
				t.Errorf("the hint shows the number: %q", sub.ContactHint)
			}
		}
		if strings.Join(got, " ") != st.areas {
			t.Errorf("after %q: subscriptions %v, want %s", st.text, got, st.areas)
		}
	}
	if _, handled, _ := s.Command(ctx, sms1("+959111", "CLASH LAUKKAI K3"), "r_x", "kannel"); handled {
		t.Errorf("a report was taken for a command")
	}
}

// subscribe makes a subscription as of a time (before or after the
// fixture's verifications).
func subscribe(t *testing.T, fx *exporttest.Fixture, id, area, lang string, at time.Time, topics ...string) {
	t.Helper()
	if _, _, err := fx.Store.PutSubscription(context.Background(), domain.Subscription{ID: id, ReporterID: "r_" + id, Channel: domain.ChannelSMS,
		Gateway: "kannel", Area: area, Topics: topics, Language: lang, CreatedBy: "test", CreatedAt: at, UpdatedAt: at}); err != nil {
		t.Fatal(err)
	}
}

// queued lists the outbox's due messages as "id: text" lines.
func queued(t *testing.T, fx *exporttest.Fixture, prefix string) []domain.OutboundMessage {
	t.Helper()
	ms, err := fx.Store.LeaseDue(context.Background(), fx.Clock.Now().Add(time.Hour), time.Minute, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []domain.OutboundMessage
	for _, m := range ms {
		if strings.HasPrefix(m.ID, prefix) {
			out = append(out, m)
		}
		// Put it back: these tests only look.
		fx.Store.MarkRetry(context.Background(), m.ID, fx.Clock.Now(), "", fx.Clock.Now())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func TestAlerts(t *testing.T) {
	ctx := context.Background()
	fx := exporttest.Load(t)
	before := exporttest.Start.Add(-time.Hour)
	subscribe(t, fx, "A-laukkaing", "MMR015022", "en", before)
	subscribe(t, fx, "B-shan-roads", "MMR015", "en", before, "road")
	subscribe(t, fx, "C-lashio-my", "MMR015001", "my", before)
	subscribe(t, fx, "D-shan", "MMR015", "en", before)
	subscribe(t, fx, "E-late", "MMR015022", "en", fx.Clock.Now()) // after the verifications
	s := newService(t, fx)
	n, err := s.AlertOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	msgs := queued(t, fx, "alert:")
	var b strings.Builder
	per := map[string]int{}
	for _, m := range msgs {
		c := sms.Segments(m.Text)
		fmt.Fprintf(&b, "%s [%s, %d segment(s)]\n%s\n\n", m.ID, c.Encoding, c.Segments, m.Text)
		per[strings.SplitN(m.ID, ":", 3)[2]]++
		if c.Segments > digest.MaxSegments {
			t.Errorf("%s takes %d segments", m.ID, c.Segments)
		}
		for _, sec := range exporttest.Secrets {
			if strings.Contains(m.Text, sec) {
				t.Errorf("%s carries %q", m.ID, sec)
			}
		}
	}
	golden(t, "alerts.txt", []byte(b.String()))
	// Laukkaing: battle, capture, telecom. Roads of Shan: the road.
	// Lashio (Burmese): the IDP event, at township level. All of Shan:
	// the 7 verified events. Subscribed after: nothing.
	want := map[string]int{"A-laukkaing": 3, "B-shan-roads": 1, "C-lashio-my": 1, "D-shan": 7}
	if n != 12 || fmt.Sprint(per) != fmt.Sprint(want) {
		t.Errorf("%d alerts %v, want 12 %v", n, per, want)
	}
	for _, m := range msgs {
		if strings.HasSuffix(m.ID, fx.Events["airstrike"]) || strings.Contains(m.ID, fx.Events["rejected"]) {
			t.Errorf("an unverified event alerted: %s", m.ID)
		}
	}

	// Again: the cursor has moved on; nothing new.
	if n, err := s.AlertOnce(ctx); err != nil || n != 0 {
		t.Errorf("second pass queued %d (%v)", n, err)
	}
	// A restart that lost the cursor reads the feed again and still
	// alerts no one twice.
	if err := fx.Store.SetCursor(ctx, "digest.alerts", 0, fx.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if n, err := newService(t, fx).AlertOnce(ctx); err != nil || n != 0 {
		t.Errorf("after losing the cursor: %d new alerts (%v)", n, err)
	}
	if got := len(queued(t, fx, "alert:")); got != 12 {
		t.Errorf("%d alert messages after the replay, want 12", got)
	}

	// The airstrike is verified now: Shan's subscriber hears of it.
	rev := &review.Service{Store: fx.Store, Clock: fx.Clock, IDs: ids.NewSequence("rv")}
	if _, err := rev.Apply(ctx, domain.Principal{Name: "reviewer-1", Role: domain.RoleReviewer}, fx.Events["airstrike"], 0,
		review.Edit{Status: domain.StatusVerified, Reason: "confirmed"}); err != nil {
		t.Fatal(err)
	}
	// Namhkan is only in D-shan's area.
	if n, err := s.AlertOnce(ctx); err != nil || n != 1 {
		t.Errorf("after verifying the airstrike: %d alerts (%v), want 1", n, err)
	}
	ds, _ := fx.Store.SubscriptionDeliveries(ctx, "D-shan", 100)
	if len(ds) != 8 || ds[0].Kind != domain.DeliveryAlert {
		t.Errorf("D-shan deliveries: %d", len(ds))
	}
}

func TestAlertsIgnoreOldVerifications(t *testing.T) {
	ctx := context.Background()
	fx := exporttest.Load(t)
	subscribe(t, fx, "A", "MMR015", "en", exporttest.Start.Add(-time.Hour))
	fx.Clock.Set(exporttest.Start.Add(72 * time.Hour)) // a node that was off for three days
	if n, err := newService(t, fx).AlertOnce(ctx); err != nil || n != 0 {
		t.Errorf("%d alerts for events verified three days ago (%v)", n, err)
	}
}

func TestDigests(t *testing.T) {
	ctx := context.Background()
	fx := exporttest.Load(t)
	before := exporttest.Start.Add(-time.Hour)
	subscribe(t, fx, "D-shan", "MMR015", "en", before)
	subscribe(t, fx, "C-lashio-my", "MMR015001", "my", before)
	subscribe(t, fx, "K-kachin", "MMR001", "en", before) // nothing there
	subscribe(t, fx, "S-shan-my", "MMR015", "my", before)
	s := newService(t, fx)
	s.DigestAt = 11 * time.Hour                                 // 11:00 Myanmar time; verifications ran 09:40–10:40
	fx.Clock.Set(time.Date(2023, 11, 28, 4, 0, 0, 0, time.UTC)) // 10:30 in Myanmar
	if n, err := s.DigestOnce(ctx); err != nil || n != 0 {
		t.Fatalf("before the digest time: %d (%v)", n, err)
	}
	fx.Clock.Set(time.Date(2023, 11, 28, 5, 0, 0, 0, time.UTC)) // 11:30
	n, err := s.DigestOnce(ctx)
	if err != nil || n != 3 {
		t.Fatalf("digests queued %d (%v), want 3 (none for Kachin)", n, err)
	}
	var b strings.Builder
	for _, m := range queued(t, fx, "digest:") {
		c := sms.Segments(m.Text)
		fmt.Fprintf(&b, "%s [%s, %d segment(s)]\n%s\n\n", m.ID, c.Encoding, c.Segments, m.Text)
		if c.Segments > digest.MaxSegments {
			t.Errorf("%s takes %d segments", m.ID, c.Segments)
		}
		if !strings.HasPrefix(m.ID, "digest:2023-11-28:") {
			t.Errorf("digest id %s", m.ID)
		}
		for _, sec := range exporttest.Secrets {
			if strings.Contains(m.Text, sec) {
				t.Errorf("%s carries %q", m.ID, sec)
			}
		}
		if strings.HasSuffix(m.ID, "D-shan") && (!strings.HasPrefix(m.Text, "sitroom Shan (North) 28 Nov: Displaced") || sms.Encode(m.Text) != sms.GSM7) {
			t.Errorf("Shan digest does not start with the most significant event or is not GSM-7: %q", m.Text)
		}
	}
	golden(t, "digests.txt", []byte(b.String()))
	if n, _ := s.DigestOnce(ctx); n != 0 {
		t.Errorf("a second pass the same day queued %d", n)
	}
	if n, _ := newService(t, fx).DigestOnce(ctx); n != 0 {
		t.Errorf("a restarted service queued %d digests again", n)
	}
}

func TestFit(t *testing.T) {
	item := func(id string, score int64, full, short string) digest.Item {
		return digest.Item{EventID: id, Score: score, Full: full, Short: short}
	}
	long := strings.Repeat("x", 60)
	cases := []struct {
		name     string
		items    []digest.Item
		lang     string
		kept     int
		segments int
		contains string
	}{
		{"fits whole", []digest.Item{item("a", 1, "Road closed Lashio-Muse (Shan Herald)", "Road closed")}, "en", 1, 1, "(Shan Herald)"},
		{"shortened into one", []digest.Item{item("a", 2, "Clash Laukkaing: 9+ killed, 4+ injured, 1 Nov "+long, "Clash Laukkaing: 9+ killed"),
			item("b", 1, "Road closed Kutkai "+long, "Road closed Kutkai")}, "en", 2, 1, "Clash Laukkaing: 9+ killed; Road closed Kutkai"},
		{"three segments in full", []digest.Item{item("a", 3, long+"a", long+"a"), item("b", 2, long+"b", long+"b"), item("c", 1, long+"c", long+"c"),
			item("d", 1, long+"d", long+"d")}, "en", 4, 2, "xd"},
		{"lower ranked dropped", func() []digest.Item {
			var its []digest.Item
			for i := range 12 {
				its = append(its, item(fmt.Sprint(i), int64(100-i), long+fmt.Sprint(i), long+fmt.Sprint(i)))
			}
			return its
		}(), "en", 6, 3, "+6 more"},
		{"burmese in UCS-2", []digest.Item{item("a", 1, "လမ်း ပိတ် လားရှိုး-မူဆယ် (Shan Herald)", "လမ်း ပိတ်")}, "my", 1, 1, "(Shan Herald)"},
		{"one huge item cut at three", []digest.Item{item("a", 1, strings.Repeat("word ", 200), strings.Repeat("word ", 150))}, "en", 1, 3, "..."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, kept, count := digest.Fit("sitroom Shan 28 Nov:", c.items, c.lang)
			if kept != c.kept || count.Segments != c.segments || !strings.Contains(text, c.contains) {
				t.Errorf("Fit = %q\nkept %d, %+v; want kept %d, %d segments, containing %q", text, kept, count, c.kept, c.segments, c.contains)
			}
			if count != sms.Segments(text) {
				t.Errorf("count %+v is not sms.Segments %+v", count, sms.Segments(text))
			}
			if (c.lang == "my") != (count.Encoding == sms.UCS2) {
				t.Errorf("%s text in %s", c.lang, count.Encoding)
			}
		})
	}
}

func asError(err error, target **domain.Error) bool { return errors.As(err, target) }

func TestSubscribeAPIValidation(t *testing.T) {
	ctx := context.Background()
	fx := exporttest.Load(t)
	s := newService(t, fx)
	p := domain.Principal{Name: "coordinator", Role: domain.RoleReviewer}
	for _, c := range []struct {
		req   digest.Request
		field string
	}{
		{digest.Request{Phone: "12", Area: "Lashio"}, "phone"},
		{digest.Request{Phone: "+95 9 4200 1111", Area: "Atlantis"}, "area"},
		{digest.Request{Phone: "+95 9 4200 1111", Area: "Lashio", Topics: []string{"weather"}}, "topics"},
		{digest.Request{Phone: "+95 9 4200 1111", Area: "Lashio", Language: "fr"}, "language"},
	} {
		_, _, err := s.Subscribe(ctx, p, c.req)
		var de *domain.Error
		if !domain.IsCode(err, domain.CodeInvalid) || !asError(err, &de) || de.Field != c.field {
			t.Errorf("%+v: %v, want invalid %s", c.req, err, c.field)
		}
	}
	sub, created, err := s.Subscribe(ctx, p, digest.Request{Phone: "+95 9 4200 1111", Area: "MMR015022701", Topics: []string{"Road", "road"}, Language: "my"})
	if err != nil || !created || sub.Area != "MMR015022" || sub.ContactHint != "+•••111" || strings.Join(sub.Topics, ",") != "road" {
		t.Fatalf("subscribe = %+v, %v, %v", sub, created, err)
	}
	// The same number is the same subscriber as its SMS: one pseudonym.
	if sub.ReporterID != s.Keyer.ID("sms", "+959420011 11") {
		t.Errorf("pseudonym %s differs from the SMS one", sub.ReporterID)
	}
	sc, err := fx.Store.Contact(ctx, sub.ReporterID)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sc.Sealed, []byte("9420011")) {
		t.Errorf("the contact is stored in clear")
	}
	if got, err := s.Sealer.Open(sub.ReporterID, sc.Sealed); err != nil || got != "+95942001111" {
		t.Errorf("sealed contact opens to %q, %v", got, err)
	}
}
