package domain

import (
	"encoding/json"
	"strings"
	"time"
)

// Channel is the way a report reached sitroom.
type Channel string

// Intake channels.
const (
	ChannelAPI      Channel = "api"
	ChannelWeb      Channel = "web"
	ChannelSMS      Channel = "sms"
	ChannelTelegram Channel = "telegram"
	ChannelFeed     Channel = "feed"
	ChannelImport   Channel = "import"
	ChannelSync     Channel = "sync"
	ChannelCLI      Channel = "cli"
)

// Channels lists the known channels.
var Channels = []Channel{ChannelAPI, ChannelWeb, ChannelSMS, ChannelTelegram, ChannelFeed, ChannelImport, ChannelSync, ChannelCLI}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, x := range Channels {
		if x == c {
			return true
		}
	}
	return false
}

// Coding says how far a report has been turned into claims.
type Coding string

// Report codings.
const (
	CodingStructured Coding = "structured"   // the sender supplied event fields
	CodingExtracted  Coding = "extracted"    // the extractor produced claims
	CodingUncoded    Coding = "uncoded"      // free text with no claims (yet)
	CodingReview     Coding = "needs_review" // a person's message that failed to parse, or uncertain encoding
)

// Encoding records what normalisation found about a report's script.
type Encoding string

// Text encodings.
const (
	EncodingUnicode   Encoding = "unicode"
	EncodingZawgyi    Encoding = "zawgyi"    // detected as Zawgyi and converted; the original is kept
	EncodingUncertain Encoding = "uncertain" // Zawgyi probability in the middle band: flagged for review
)

// Report is one message as it arrived: verbatim and immutable. Text is never
// changed after it is stored; NormalText is what the later stages read.
type Report struct {
	ID         string    `json:"id"`
	ClientID   string    `json:"client_id,omitempty"` // the sender's own id, for idempotency
	Channel    Channel   `json:"channel"`
	Source     string    `json:"source,omitempty"`      // publication or organisation ("UN OCHA"); empty for an individual
	SourceURL  string    `json:"source_url,omitempty"`  // where the text was published
	ReporterID string    `json:"reporter_id,omitempty"` // pseudonym: keyed hash of phone or account, never the raw contact
	ReceivedAt time.Time `json:"received_at"`
	Date       Date      `json:"date,omitempty"` // the date the text was written or published; relative dates resolve against it
	Language   string    `json:"language,omitempty"`
	Text       string    `json:"text"`                  // verbatim
	NormalText string    `json:"normal_text,omitempty"` // NFC, Zawgyi converted; empty when equal to Text
	Encoding   Encoding  `json:"encoding,omitempty"`
	ZawgyiProb float64   `json:"zawgyi_probability,omitempty"`
	// ContentHash is the SHA-256 of the normalised text: the same text from
	// the same source is the same report.
	ContentHash string            `json:"content_hash"`
	Coding      Coding            `json:"coding"`
	Flags       []string          `json:"flags,omitempty"`
	Payload     json.RawMessage   `json:"payload,omitempty"` // structured fields as supplied, kept for audit
	Meta        map[string]string `json:"meta,omitempty"`    // channel details: gateway message id, feed GUID…
	// PreviousID links a new version (an edited Telegram message) to the first.
	PreviousID string `json:"previous_id,omitempty"`
	ClaimCount int    `json:"claim_count"`
}

// DedupeKey is the identity a report is de-duplicated within, and the
// unit of independence for its claims: its source when it names one, else
// its pseudonymous reporter, else its channel.
func (r *Report) DedupeKey() string {
	switch {
	case r.Source != "":
		return "source:" + strings.ToLower(strings.TrimSpace(r.Source))
	case r.ReporterID != "":
		return "reporter:" + r.ReporterID
	default:
		return "channel:" + string(r.Channel)
	}
}

// Body returns the text the pipeline reads: the normalised text when there is
// one, else the verbatim text.
func (r *Report) Body() string {
	if r.NormalText != "" {
		return r.NormalText
	}
	return r.Text
}

// Figure is one counted quantity in a claim, always stored as its lower bound.
type Figure struct {
	Kind      FigureKind `json:"kind"`
	Min       int64      `json:"min"`
	Qualifier Qualifier  `json:"qualifier,omitempty"`
	// Cumulative marks a running total ("since 27 October") rather than the
	// count of one incident; totals never add it to the incidents it holds.
	Cumulative bool   `json:"cumulative,omitempty"`
	Text       string `json:"text,omitempty"` // the words it was read from
}

// ClaimActor is an actor named in a claim, with its part in it.
type ClaimActor struct {
	Name  string    `json:"name"` // canonical name from the actor dictionary when known
	Role  ActorRole `json:"role,omitempty"`
	Inter Inter     `json:"inter,omitempty"`
}

// ControlChange is a claim that a place changed hands.
type ControlChange struct {
	Actor string `json:"actor"`          // who holds it now
	From  string `json:"from,omitempty"` // who held it before
}

// Access is a claim about a route, bridge, airport or telecom service.
type Access struct {
	Status string `json:"status"` // closed | restricted | open
	Route  string `json:"route,omitempty"`
}

// Access statuses.
const (
	AccessClosed     = "closed"
	AccessRestricted = "restricted"
	AccessOpen       = "open"
)

// Claim is one statement a report makes: what happened, where, when, who was
// involved and how many, with the qualifiers the text used.
type Claim struct {
	ID       string `json:"id"`
	ReportID string `json:"report_id"`
	EventID  string `json:"event_id,omitempty"`
	Seq      int    `json:"seq"` // position within the report

	Type    EventType    `json:"type"`
	SubType SubEventType `json:"sub_type"`
	Kind    Kind         `json:"kind,omitempty"`

	Location

	DateStart     Date          `json:"date_start"`
	DateEnd       Date          `json:"date_end"`
	TimePrecision TimePrecision `json:"time_precision"`

	Actors  []ClaimActor   `json:"actors,omitempty"`
	Figures []Figure       `json:"figures,omitempty"`
	Control *ControlChange `json:"control,omitempty"`
	Access  *Access        `json:"access,omitempty"`

	Site *Site `json:"site,omitempty"` // the named site it happened at, if any

	Summary string `json:"summary,omitempty"`
	Source  string `json:"source,omitempty"` // the report's source (or channel), for display
	// SourceKey identifies the claim's source for independence: two claims
	// with one key are one source. It is the report's DedupeKey and may
	// hold a reporter pseudonym, so it never leaves the node.
	SourceKey  string    `json:"-"`
	Extractor  string    `json:"extractor"` // "structured", or the extractor's name/version
	Confidence float64   `json:"confidence,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	// Pinned claims were placed in their event by a reviewer (merge,
	// split); re-clustering leaves them there.
	Pinned bool `json:"pinned,omitempty"`
	// Cumulative marks a running total ("since 27 October"): such claims
	// are events of their own and never added to the incidents they hold.
	Cumulative bool `json:"cumulative,omitempty"`
}

// Figure returns the claim's figure of a kind, if it states one.
func (c *Claim) Figure(k FigureKind) (Figure, bool) {
	for _, f := range c.Figures {
		if f.Kind == k {
			return f, true
		}
	}
	return Figure{}, false
}

// Location is where a claim or an event is placed: the name as stated, the
// resolved MIMU P-code with its parents, a point and the precision.
type Location struct {
	PlaceName    string   `json:"place"`
	PCode        string   `json:"pcode,omitempty"`
	GeoLevel     GeoLevel `json:"geo_level,omitempty"`
	GeoPrecision int      `json:"geo_precision,omitempty"` // ACLED: 1 town, 2 township/near, 3 region
	Adm1         string   `json:"adm1_pcode,omitempty"`    // state / region
	Adm2         string   `json:"adm2_pcode,omitempty"`    // district / SAZ
	Adm3         string   `json:"adm3_pcode,omitempty"`    // township
	Lat          *float64 `json:"lat,omitempty"`
	Lon          *float64 `json:"lon,omitempty"`
}

// EventFigure is an event's figure of one kind: the lower bound the event
// states, and every claim behind it.
type EventFigure struct {
	Kind     FigureKind     `json:"kind"`
	Min      int64          `json:"min"`
	Disputed bool           `json:"disputed,omitempty"`
	Sources  []FigureSource `json:"sources"`
}

// FigureSource is one claim's value for an event figure.
type FigureSource struct {
	ClaimID   string    `json:"claim_id"`
	ReportID  string    `json:"report_id"`
	Source    string    `json:"source,omitempty"`
	Date      Date      `json:"date,omitempty"`
	Min       int64     `json:"min"`
	Qualifier Qualifier `json:"qualifier,omitempty"`
}

// EventActor is an actor of an event with the roles its claims give it.
type EventActor struct {
	Name  string    `json:"name"`
	Role  ActorRole `json:"role,omitempty"`
	Inter Inter     `json:"inter,omitempty"`
}

// Event is one happening: the claims of every report about it, reconciled.
type Event struct {
	ID      string       `json:"id"`
	Type    EventType    `json:"type"`
	SubType SubEventType `json:"sub_type"`
	Kind    Kind         `json:"kind,omitempty"`
	Title   string       `json:"title"`

	Location

	DateStart     Date          `json:"date_start"`
	DateEnd       Date          `json:"date_end"`
	TimePrecision TimePrecision `json:"time_precision"`

	Actors  []EventActor   `json:"actors,omitempty"`
	Figures []EventFigure  `json:"figures,omitempty"`
	Control *ControlChange `json:"control,omitempty"`
	Access  *Access        `json:"access,omitempty"`
	Site    *Site          `json:"site,omitempty"`
	// Cumulative events are running totals, counted by the method in
	// docs/METHOD.md rather than added up.
	Cumulative bool `json:"cumulative,omitempty"`

	Status Status `json:"status"`
	// StatusBy is who set the status: "" when corroboration derived it, else
	// the reviewer; a reviewer's status is never changed by clustering.
	StatusBy string `json:"status_by,omitempty"`
	// Disputed lists why the event is disputed (figures that contradict
	// each other beyond the threshold, rival control claims).
	Disputes  []string   `json:"disputes,omitempty"`
	Overrides *Overrides `json:"overrides,omitempty"`
	// MergedInto names the event this one was merged into; such an event is
	// no longer listed.
	MergedInto  string    `json:"merged_into,omitempty"`
	SourceCount int       `json:"source_count"`
	ClaimCount  int       `json:"claim_count"`
	Version     int64     `json:"version"` // bumped on every change; the ETag
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`

	Claims []Claim `json:"claims,omitempty"` // filled on the detail view
}

// Figure returns the event's figure of a kind, if any.
func (e *Event) Figure(k FigureKind) (EventFigure, bool) {
	for _, f := range e.Figures {
		if f.Kind == k {
			return f, true
		}
	}
	return EventFigure{}, false
}

// Place is one entry of the gazetteer: a MIMU unit (state/region, district,
// township, town, village tract, ward) with its parents and, where known, a
// point.
type Place struct {
	PCode    string   `json:"pcode"`
	Level    GeoLevel `json:"level"`
	Name     string   `json:"name"`
	NameMy   string   `json:"name_my,omitempty"`
	Adm1     string   `json:"adm1_pcode,omitempty"`
	Adm2     string   `json:"adm2_pcode,omitempty"`
	Adm3     string   `json:"adm3_pcode,omitempty"`
	Lat      float64  `json:"lat,omitempty"`
	Lon      float64  `json:"lon,omitempty"`
	HasPoint bool     `json:"has_point"`
}

// Actor is an entry of the actor dictionary.
type Actor struct {
	Name     string   `json:"name"` // canonical
	Aliases  []string `json:"aliases,omitempty"`
	Inter    Inter    `json:"inter"`
	Members  []string `json:"members,omitempty"` // for a coalition: its member actors
	MemberOf []string `json:"member_of,omitempty"`
}

// Source is a publisher or organisation that reports come from. Sources are
// the unit of independence in corroboration: two outlets are two sources.
type Source struct {
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"` // un, ngo, media, local_monitor, government, armed_group, individual
}

// AuditEntry records one change: who made it, when, what and why.
type AuditEntry struct {
	ID         string          `json:"id"`
	At         time.Time       `json:"at"`
	Actor      string          `json:"actor"` // the principal: a token's name, "system", or a node
	Action     string          `json:"action"`
	EntityType string          `json:"entity_type"`
	EntityID   string          `json:"entity_id"`
	Reason     string          `json:"reason,omitempty"`
	Detail     json.RawMessage `json:"detail,omitempty"`
}

// Role is an access role. Each role includes the rights of those after it.
type Role string

// Access roles.
const (
	RoleAdmin    Role = "admin"
	RoleReviewer Role = "reviewer"
	RoleReporter Role = "reporter"
	RoleViewer   Role = "viewer"
)

// Roles lists the roles from most to least privileged.
var Roles = []Role{RoleAdmin, RoleReviewer, RoleReporter, RoleViewer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Token is an API bearer token. Only its hash is stored; the secret is shown
// once, when it is created.
type Token struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Role      Role       `json:"role"`
	Hash      string     `json:"-"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// Principal is who is making a request.
type Principal struct {
	Name    string // token name, or "anonymous"
	TokenID string
	Role    Role // empty for anonymous
}

// Anonymous is the principal of a request without credentials.
var Anonymous = Principal{Name: "anonymous"}

// System is the principal of work sitroom does on its own (re-clustering).
var System = Principal{Name: "system", Role: RoleAdmin}

// IsAnonymous reports whether p carries no role.
func (p Principal) IsAnonymous() bool { return p.Role == "" }

// Can reports whether p's role includes the rights of role want.
func (p Principal) Can(want Role) bool {
	rank := func(r Role) int {
		for i, x := range Roles {
			if x == r {
				return len(Roles) - i
			}
		}
		return 0
	}
	return p.Role != "" && rank(p.Role) >= rank(want)
}
