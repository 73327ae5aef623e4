package sms

import (
	"strings"
)

// Subscription commands: people ask for news of an area by SMS,
//
//	SUB LASHIO            daily digest and alerts for Lashio
//	SUB LASHIO ROAD       … alerts only for road closures
//	SUB KUTKAI ROAD BRIDGE
//	STOP LASHIO           no more news of Lashio
//	STOP                  no more news at all
//	LIST                  which areas am I subscribed to?
//	စာရင်းသွင်း လားရှိုး လမ်း   (subscribe, Lashio, road)
//	ရပ်                    (stop)
//
// As with the report keywords, Latin command words count only in
// capitals, so that a report beginning "Stop the shelling…" stays a
// report; a message that is only the word "stop", in any case, stops.
// The place is the words between the command and the topics; the caller
// resolves it in the gazetteer.

// SubAction is what a subscription command asks.
type SubAction string

// Subscription actions.
const (
	ActionSubscribe   SubAction = "subscribe"
	ActionUnsubscribe SubAction = "unsubscribe"
	ActionList        SubAction = "list"
)

// Topics are the kinds of event an alert can be limited to.
const (
	TopicRoad      = "road"
	TopicBridge    = "bridge"
	TopicAirport   = "airport"
	TopicTelecom   = "telecom"
	TopicAccess    = "access" // any of the four above
	TopicClash     = "clash"
	TopicAirstrike = "airstrike"
	TopicShelling  = "shelling"
	TopicDisplaced = "displaced"
	TopicCaptured  = "captured"
	TopicCivilians = "civilians"
)

// Topics lists every topic.
var Topics = []string{TopicRoad, TopicBridge, TopicAirport, TopicTelecom, TopicAccess, TopicClash, TopicAirstrike,
	TopicShelling, TopicDisplaced, TopicCaptured, TopicCivilians}

var subCommands = map[string]struct {
	action  SubAction
	burmese bool
}{
	"SUB": {ActionSubscribe, false}, "SUBSCRIBE": {ActionSubscribe, false}, "JOIN": {ActionSubscribe, false},
	"STOP": {ActionUnsubscribe, false}, "UNSUB": {ActionUnsubscribe, false}, "UNSUBSCRIBE": {ActionUnsubscribe, false},
	"LIST":        {ActionList, false},
	"စာရင်းသွင်း": {ActionSubscribe, true},   // register (subscribe)
	"ရပ်":         {ActionUnsubscribe, true}, // stop
	"ရပ်ပါ":       {ActionUnsubscribe, true}, // please stop
	"ရပ်တန့်":     {ActionUnsubscribe, true}, // stop (halt)
	"စာရင်း":      {ActionList, true},        // list
}

// topicWords maps the words that name a topic, in English (capitals or
// not: they follow a command) and Burmese.
var topicWords = map[string]string{
	"ROAD": TopicRoad, "ROADS": TopicRoad, "BRIDGE": TopicBridge, "BRIDGES": TopicBridge,
	"AIRPORT": TopicAirport, "FLIGHTS": TopicAirport, "TELECOM": TopicTelecom, "PHONE": TopicTelecom, "INTERNET": TopicTelecom,
	"ACCESS": TopicAccess, "CLASH": TopicClash, "CLASHES": TopicClash, "BATTLE": TopicClash, "FIGHTING": TopicClash,
	"AIRSTRIKE": TopicAirstrike, "AIRSTRIKES": TopicAirstrike, "DRONE": TopicAirstrike, "SHELLING": TopicShelling, "ARTILLERY": TopicShelling,
	"DISPLACED": TopicDisplaced, "IDP": TopicDisplaced, "IDPS": TopicDisplaced, "CAPTURED": TopicCaptured, "CONTROL": TopicCaptured,
	"CIVILIANS":  TopicCivilians,
	"လမ်း":       TopicRoad,      // road
	"လမ်းပိတ်":   TopicRoad,      // road closed
	"တံတား":      TopicBridge,    // bridge
	"လေဆိပ်":     TopicAirport,   // airport
	"ဖုန်း":      TopicTelecom,   // phone
	"အင်တာနက်":   TopicTelecom,   // internet
	"ဆက်သွယ်ရေး": TopicTelecom,   // communications
	"တိုက်ပွဲ":   TopicClash,     // battle
	"လေကြောင်း":  TopicAirstrike, // air (attack)
	"ဒရုန်း":     TopicAirstrike, // drone
	"အမြောက်":    TopicShelling,  // artillery
	"စစ်ရှောင်":  TopicDisplaced, // war-displaced
	"ထွက်ပြေး":   TopicDisplaced, // fled
	"သိမ်းပိုက်": TopicCaptured,  // captured
	"အရပ်သား":    TopicCivilians, // civilians
}

// SubCommand is a parsed subscription command.
type SubCommand struct {
	Action SubAction
	// Place is the area as written ("LASHIO", "လားရှိုး"); empty for
	// STOP (everything) and LIST.
	Place string
	// Topics limit alerts; none means every event.
	Topics []string
	// Burmese is true when the command word was Burmese: replies follow.
	Burmese bool
}

// MaxSubWords bounds the words of a subscription command: a place name
// and a few topics, never a report.
const MaxSubWords = 12

// ParseSubscription reads a subscription command. ok is false for any
// other message (a report), which the caller then handles as usual.
func ParseSubscription(text string) (cmd SubCommand, ok bool) {
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > MaxSubWords {
		return cmd, false
	}
	first := trimPunct(words[0])
	c, known := subCommands[first]
	if !known {
		// A lone "stop" in any case is an opt-out, whatever the phone's
		// capitalisation.
		if len(words) == 1 && strings.EqualFold(strings.TrimRight(first, "."), "STOP") {
			return SubCommand{Action: ActionUnsubscribe}, true
		}
		return cmd, false
	}
	cmd = SubCommand{Action: c.action, Burmese: c.burmese}
	rest := words[1:]
	if cmd.Action == ActionList {
		if len(rest) > 0 {
			return SubCommand{}, false
		}
		return cmd, true
	}
	// Topics are read from the end: "SUB NAM KHAM ROAD BRIDGE".
	seen := map[string]bool{}
	var topics []string
	for len(rest) > 0 {
		t, isTopic := topicWords[strings.ToUpper(trimPunct(rest[len(rest)-1]))]
		if !isTopic {
			break
		}
		if !seen[t] {
			seen[t] = true
			topics = append([]string{t}, topics...)
		}
		rest = rest[:len(rest)-1]
	}
	var place []string
	for _, w := range rest {
		if w = trimPunct(w); w != "" {
			place = append(place, w)
		}
	}
	cmd.Place = strings.Join(place, " ")
	if cmd.Action == ActionSubscribe {
		cmd.Topics = topics
	}
	return cmd, true
}

// SubReplies are the short answers to subscription commands, in English
// and Burmese; each fits one SMS segment with a place name of ordinary
// length (Truncate keeps it to one in any case).
type SubReplies struct{ Burmese bool }

func (r SubReplies) one(en, my string) string {
	if r.Burmese {
		return Truncate(my, 1)
	}
	return Truncate(en, 1)
}

// Subscribed confirms a subscription.
func (r SubReplies) Subscribed(area string, topics []string, at string) string {
	what := "news"
	if len(topics) > 0 {
		what = strings.Join(topics, ", ") + " alerts"
	}
	return r.one("sitroom: you get "+what+" for "+area+", digest daily at "+at+". STOP "+strings.ToUpper(area)+" to end.",
		"sitroom: "+area+" သတင်း ပို့ပါမည်။ ရပ်ရန် ရပ် ဟုပို့ပါ")
}

// Unsubscribed confirms an opt-out.
func (r SubReplies) Unsubscribed(area string, n int) string {
	if n == 0 {
		return r.one("sitroom: you had no subscription to stop.", "sitroom: ရပ်စရာ စာရင်း မရှိပါ")
	}
	if area == "" {
		return r.one("sitroom: all news stopped. SUB PLACE to start again.", "sitroom: သတင်းအားလုံး ရပ်ပြီးပါပြီ")
	}
	return r.one("sitroom: news for "+area+" stopped.", "sitroom: "+area+" သတင်း ရပ်ပြီးပါပြီ")
}

// List tells the subscriber's areas.
func (r SubReplies) List(areas []string) string {
	if len(areas) == 0 {
		return r.one("sitroom: no subscriptions. Send e.g. SUB LASHIO", "sitroom: စာရင်း မရှိပါ။ ဥပမာ စာရင်းသွင်း လားရှိုး")
	}
	return r.one("sitroom: you get news for "+strings.Join(areas, ", "), "sitroom: "+strings.Join(areas, "၊ "))
}

// UnknownPlace says the place was not found.
func (r SubReplies) UnknownPlace(place string) string {
	if place == "" {
		return r.one("sitroom: name a place, e.g. SUB LASHIO or SUB KUTKAI ROAD", "sitroom: နေရာ ထည့်ပါ။ ဥပမာ စာရင်းသွင်း လားရှိုး")
	}
	if len([]rune(place)) > 20 {
		place = string([]rune(place)[:20]) + "…"
	}
	return r.one("sitroom: place '"+place+"' not found. Send e.g. SUB LASHIO", "sitroom: '"+place+"' ကို မတွေ့ပါ။ ဥပမာ စာရင်းသွင်း လားရှိုး")
}
