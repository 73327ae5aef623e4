package domain

import "sort"

// EventType is one of ACLED's six event types, by its machine code. The codes
// are those of the extraction contract (docs/EXTRACTION.md); Name gives the
// codebook's spelling.
type EventType string

// ACLED's six event types.
const (
	Battle                   EventType = "battle"
	ExplosionRemoteViolence  EventType = "explosion_remote_violence"
	ViolenceAgainstCivilians EventType = "violence_against_civilians"
	Protest                  EventType = "protest"
	Riot                     EventType = "riot"
	StrategicDevelopment     EventType = "strategic_development"
)

// EventTypes lists the six event types in the codebook's order.
var EventTypes = []EventType{Battle, ExplosionRemoteViolence, ViolenceAgainstCivilians, Protest, Riot, StrategicDevelopment}

var eventTypeNames = map[EventType]string{
	Battle:                   "Battles",
	ExplosionRemoteViolence:  "Explosions/Remote violence",
	ViolenceAgainstCivilians: "Violence against civilians",
	Protest:                  "Protests",
	Riot:                     "Riots",
	StrategicDevelopment:     "Strategic developments",
}

// Name returns the ACLED codebook name ("Explosions/Remote violence").
func (t EventType) Name() string { return eventTypeNames[t] }

// Valid reports whether t is one of the six types.
func (t EventType) Valid() bool { _, ok := eventTypeNames[t]; return ok }

// ParseEventType accepts a machine code or a codebook name, in any case.
func ParseEventType(s string) (EventType, bool) {
	k := foldKey(s)
	for t, n := range eventTypeNames {
		if foldKey(string(t)) == k || foldKey(n) == k {
			return t, true
		}
	}
	// Common singular forms of the plural codebook names.
	switch k {
	case "battles":
		return Battle, true
	case "protests":
		return Protest, true
	case "riots":
		return Riot, true
	case "strategicdevelopments":
		return StrategicDevelopment, true
	case "explosionsremoteviolence", "explosion", "remoteviolence":
		return ExplosionRemoteViolence, true
	}
	return "", false
}

// SubEventType is one of ACLED's 25 sub-event types, by machine code.
type SubEventType string

// ACLED's 25 sub-event types, grouped by event type in the codebook's order.
const (
	ArmedClash                      SubEventType = "armed_clash"
	GovernmentRegainsTerritory      SubEventType = "government_regains_territory"
	NonStateActorOvertakesTerritory SubEventType = "non_state_actor_overtakes_territory"
	ChemicalWeapon                  SubEventType = "chemical_weapon"
	AirDroneStrike                  SubEventType = "air_drone_strike"
	SuicideBomb                     SubEventType = "suicide_bomb"
	ShellingArtilleryMissileAttack  SubEventType = "shelling_artillery_missile_attack"
	RemoteExplosiveLandmineIED      SubEventType = "remote_explosive_landmine_ied"
	Grenade                         SubEventType = "grenade"
	SexualViolence                  SubEventType = "sexual_violence"
	Attack                          SubEventType = "attack"
	AbductionForcedDisappearance    SubEventType = "abduction_forced_disappearance"
	PeacefulProtest                 SubEventType = "peaceful_protest"
	ProtestWithIntervention         SubEventType = "protest_with_intervention"
	ExcessiveForceAgainstProtesters SubEventType = "excessive_force_against_protesters"
	ViolentDemonstration            SubEventType = "violent_demonstration"
	MobViolence                     SubEventType = "mob_violence"
	Agreement                       SubEventType = "agreement"
	Arrests                         SubEventType = "arrests"
	ChangeToGroupActivity           SubEventType = "change_to_group_activity"
	DisruptedWeaponsUse             SubEventType = "disrupted_weapons_use"
	HeadquartersOrBaseEstablished   SubEventType = "headquarters_or_base_established"
	LootingPropertyDestruction      SubEventType = "looting_property_destruction"
	NonViolentTransferOfTerritory   SubEventType = "non_violent_transfer_of_territory"
	OtherDevelopment                SubEventType = "other"
)

type subEventInfo struct {
	name string
	typ  EventType
}

var subEvents = map[SubEventType]subEventInfo{
	ArmedClash:                      {"Armed clash", Battle},
	GovernmentRegainsTerritory:      {"Government regains territory", Battle},
	NonStateActorOvertakesTerritory: {"Non-state actor overtakes territory", Battle},
	ChemicalWeapon:                  {"Chemical weapon", ExplosionRemoteViolence},
	AirDroneStrike:                  {"Air/drone strike", ExplosionRemoteViolence},
	SuicideBomb:                     {"Suicide bomb", ExplosionRemoteViolence},
	ShellingArtilleryMissileAttack:  {"Shelling/artillery/missile attack", ExplosionRemoteViolence},
	RemoteExplosiveLandmineIED:      {"Remote explosive/landmine/IED", ExplosionRemoteViolence},
	Grenade:                         {"Grenade", ExplosionRemoteViolence},
	SexualViolence:                  {"Sexual violence", ViolenceAgainstCivilians},
	Attack:                          {"Attack", ViolenceAgainstCivilians},
	AbductionForcedDisappearance:    {"Abduction/forced disappearance", ViolenceAgainstCivilians},
	PeacefulProtest:                 {"Peaceful protest", Protest},
	ProtestWithIntervention:         {"Protest with intervention", Protest},
	ExcessiveForceAgainstProtesters: {"Excessive force against protesters", Protest},
	ViolentDemonstration:            {"Violent demonstration", Riot},
	MobViolence:                     {"Mob violence", Riot},
	Agreement:                       {"Agreement", StrategicDevelopment},
	Arrests:                         {"Arrests", StrategicDevelopment},
	ChangeToGroupActivity:           {"Change to group/activity", StrategicDevelopment},
	DisruptedWeaponsUse:             {"Disrupted weapons use", StrategicDevelopment},
	HeadquartersOrBaseEstablished:   {"Headquarters or base established", StrategicDevelopment},
	LootingPropertyDestruction:      {"Looting/property destruction", StrategicDevelopment},
	NonViolentTransferOfTerritory:   {"Non-violent transfer of territory", StrategicDevelopment},
	OtherDevelopment:                {"Other", StrategicDevelopment},
}

// SubEventTypes lists the 25 sub-event types in the codebook's order.
var SubEventTypes = []SubEventType{
	ArmedClash, GovernmentRegainsTerritory, NonStateActorOvertakesTerritory,
	ChemicalWeapon, AirDroneStrike, SuicideBomb, ShellingArtilleryMissileAttack, RemoteExplosiveLandmineIED, Grenade,
	SexualViolence, Attack, AbductionForcedDisappearance,
	PeacefulProtest, ProtestWithIntervention, ExcessiveForceAgainstProtesters,
	ViolentDemonstration, MobViolence,
	Agreement, Arrests, ChangeToGroupActivity, DisruptedWeaponsUse, HeadquartersOrBaseEstablished,
	LootingPropertyDestruction, NonViolentTransferOfTerritory, OtherDevelopment,
}

// Name returns the codebook spelling ("Air/drone strike").
func (s SubEventType) Name() string { return subEvents[s].name }

// Type returns the event type the sub-event type belongs to.
func (s SubEventType) Type() EventType { return subEvents[s].typ }

// Valid reports whether s is one of the 25.
func (s SubEventType) Valid() bool { _, ok := subEvents[s]; return ok }

// ParseSubEventType accepts a machine code or a codebook name, in any case.
func ParseSubEventType(s string) (SubEventType, bool) {
	k := foldKey(s)
	for code, info := range subEvents {
		if foldKey(string(code)) == k || foldKey(info.name) == k {
			return code, true
		}
	}
	return "", false
}

// DefaultSubEvent is the sub-event type used when only the type is known.
func DefaultSubEvent(t EventType) SubEventType {
	switch t {
	case Battle:
		return ArmedClash
	case ExplosionRemoteViolence:
		return ShellingArtilleryMissileAttack
	case ViolenceAgainstCivilians:
		return Attack
	case Protest:
		return PeacefulProtest
	case Riot:
		return ViolentDemonstration
	default:
		return OtherDevelopment
	}
}

// Kind is a humanitarian sub-kind of a strategic development: the things
// coordinators track that ACLED files under "Strategic developments".
type Kind string

// The humanitarian kinds.
const (
	KindNone               Kind = ""
	KindDisplacement       Kind = "displacement"
	KindAccessRoad         Kind = "access_road"
	KindAccessBridge       Kind = "access_bridge"
	KindAccessAirport      Kind = "access_airport"
	KindAccessTelecom      Kind = "access_telecom"
	KindScamCompoundRaid   Kind = "scam_compound_raid"
	KindRepatriation       Kind = "repatriation"
	KindMartialLaw         Kind = "martial_law"
	KindSurrenderDefection Kind = "surrender_defection"
)

var kindSubEvent = map[Kind]SubEventType{
	KindDisplacement:       OtherDevelopment,
	KindAccessRoad:         OtherDevelopment,
	KindAccessBridge:       OtherDevelopment,
	KindAccessAirport:      OtherDevelopment,
	KindAccessTelecom:      OtherDevelopment,
	KindScamCompoundRaid:   Arrests,
	KindRepatriation:       OtherDevelopment,
	KindMartialLaw:         OtherDevelopment,
	KindSurrenderDefection: ChangeToGroupActivity,
}

// Kinds lists the humanitarian kinds.
var Kinds = []Kind{KindDisplacement, KindAccessRoad, KindAccessBridge, KindAccessAirport, KindAccessTelecom,
	KindScamCompoundRaid, KindRepatriation, KindMartialLaw, KindSurrenderDefection}

// Valid reports whether k is empty or one of the humanitarian kinds.
func (k Kind) Valid() bool { _, ok := kindSubEvent[k]; return ok || k == KindNone }

// SubEvent returns the ACLED sub-event type a humanitarian kind is filed under.
func (k Kind) SubEvent() SubEventType { return kindSubEvent[k] }

// IsAccess reports whether k is an access constraint (road, bridge, airport, telecom).
func (k Kind) IsAccess() bool {
	return k == KindAccessRoad || k == KindAccessBridge || k == KindAccessAirport || k == KindAccessTelecom
}

// Status is an event's place in review.
type Status string

// Event statuses. new → corroborated (two or more independent sources) →
// verified / disputed / rejected.
const (
	StatusNew          Status = "new"
	StatusCorroborated Status = "corroborated"
	StatusVerified     Status = "verified"
	StatusDisputed     Status = "disputed"
	StatusRejected     Status = "rejected"
)

// Statuses lists every status.
var Statuses = []Status{StatusNew, StatusCorroborated, StatusVerified, StatusDisputed, StatusRejected}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// GeoLevel is the administrative level a place (and so an event's location)
// is known to.
type GeoLevel string

// Geographic levels, from coarsest to finest.
const (
	LevelCountry      GeoLevel = "country"
	LevelState        GeoLevel = "state"    // state / region (adm1)
	LevelDistrict     GeoLevel = "district" // district or self-administered zone (adm2)
	LevelTownship     GeoLevel = "township" // adm3
	LevelTown         GeoLevel = "town"
	LevelVillageTract GeoLevel = "village_tract"
	LevelWard         GeoLevel = "ward"
	LevelPoint        GeoLevel = "point" // a coordinate from a phone or a named site
)

// Rank orders levels: larger is finer.
func (l GeoLevel) Rank() int {
	switch l {
	case LevelCountry:
		return 0
	case LevelState:
		return 1
	case LevelDistrict:
		return 2
	case LevelTownship:
		return 3
	case LevelTown, LevelVillageTract:
		return 4
	case LevelWard:
		return 5
	case LevelPoint:
		return 6
	}
	return -1
}

// GeoPrecision returns ACLED's geo_precision code for a place known to this
// level: 1 a town, village or exact point; 2 a township or district ("near" or
// "part of"); 3 a state/region or larger.
func (l GeoLevel) GeoPrecision() int {
	switch l {
	case LevelTown, LevelVillageTract, LevelWard, LevelPoint:
		return 1
	case LevelTownship, LevelDistrict:
		return 2
	default:
		return 3
	}
}

// TimePrecision is ACLED's time_precision: 1 the exact day is known, 2 the
// week or a few days, 3 only the month or a longer period.
type TimePrecision int

// Time precision codes.
const (
	TimeDay   TimePrecision = 1
	TimeWeek  TimePrecision = 2
	TimeMonth TimePrecision = 3
)

// Inter is ACLED's numeric actor-type code.
type Inter int

// ACLED inter codes.
const (
	InterUnknown    Inter = 0
	InterState      Inter = 1 // state forces (military, police)
	InterRebel      Inter = 2 // rebel groups (EAOs such as MNDAA, TNLA, AA)
	InterPolitical  Inter = 3 // political militias (e.g. PDFs, pro-junta militia)
	InterIdentity   Inter = 4 // identity (ethnic, communal) militias
	InterRioters    Inter = 5
	InterProtesters Inter = 6
	InterCivilians  Inter = 7
	InterExternal   Inter = 8 // external / other forces (foreign governments, UN)
)

// ActorRole is the part an actor plays in a claim.
type ActorRole string

// Actor roles.
const (
	ActorAttacker ActorRole = "attacker"
	ActorTarget   ActorRole = "target"
	ActorVictim   ActorRole = "victim"
	ActorOther    ActorRole = "other"
)

// FigureKind names a counted quantity.
type FigureKind string

// The figure kinds sitroom counts.
const (
	Killed     FigureKind = "killed"
	Injured    FigureKind = "injured"
	Displaced  FigureKind = "displaced"
	Arrested   FigureKind = "arrested"
	HandedOver FigureKind = "handed_over"
)

// FigureKinds lists the figure kinds.
var FigureKinds = []FigureKind{Killed, Injured, Displaced, Arrested, HandedOver}

// Valid reports whether k is a known figure kind.
func (k FigureKind) Valid() bool {
	for _, x := range FigureKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Qualifier records how a figure was stated.
type Qualifier string

// Figure qualifiers. The stored number is always the lower bound.
const (
	QualExact   Qualifier = "exact"    // "23,000"
	QualAtLeast Qualifier = "at_least" // "at least nine", "more than 60"
	QualApprox  Qualifier = "approx"   // "about", "almost", "nearly"
	QualUpTo    Qualifier = "up_to"    // "up to 300"
)

// SortedKeys returns the keys of a string-keyed map in order; a small helper
// for deterministic output.
func SortedKeys[M ~map[K]V, K ~string, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

// foldKey lower-cases s and drops everything but letters and digits, so that
// "Air/drone strike", "air_drone_strike" and "AIR DRONE STRIKE" compare equal.
func foldKey(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}

// LevelOfPCode reads a MIMU P-code's level from its shape: MMR015 a
// state/region, MMR015D001 or MMR015S002 a district or self-administered
// zone, MMR015001 a township, MMR015001701 a town (7xx) or village tract,
// MMR015001701501 a ward; "" when it has none of these shapes.
func LevelOfPCode(p string) GeoLevel {
	if len(p) < 6 || p[:3] != "MMR" {
		if p == "MMR" {
			return LevelCountry
		}
		return ""
	}
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	if !digits(p[3:6]) {
		return ""
	}
	switch {
	case len(p) == 6:
		return LevelState
	case len(p) == 10 && (p[6] == 'D' || p[6] == 'S') && digits(p[7:]):
		return LevelDistrict
	case len(p) == 9 && digits(p[6:]):
		return LevelTownship
	case len(p) == 12 && digits(p[6:]):
		if p[9] == '7' {
			return LevelTown
		}
		return LevelVillageTract
	case len(p) == 15 && digits(p[6:]):
		return LevelWard
	}
	return ""
}
