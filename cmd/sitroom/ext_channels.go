package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"sync"
	"time"

	"sitroom/internal/contact"
	"sitroom/internal/httpapi"
	"sitroom/internal/inbound"
	"sitroom/internal/kannel"
	"sitroom/internal/outbox"
	"sitroom/internal/ratelimit"
	"sitroom/internal/telegram"
	"sitroom/internal/twilio"
)

// channelFlags configure the messaging channels (docs/SMS.md). A channel
// without its secret is not mounted.
type channelFlags struct {
	kannelSecret, kannelSendsmsURL, kannelUsername, kannelPassword, kannelFrom, kannelDLRURL string
	twilioAuthToken, twilioWebhookURL                                                        string
	telegramSecret, telegramBotToken, telegramAPIURL                                         string
	smsRate                                                                                  float64
	smsBurst, maxSenders                                                                     int
	outboxPoll                                                                               time.Duration
	outboxAttempts                                                                           int
}

// channelConfig is the flag set most recently declared; each serving
// command declares and parses its flags before it mounts.
var (
	channelMu     sync.Mutex
	channelConfig *channelFlags
	channelWork   = map[*app]*outbox.Worker{}
)

// channelCommands, when set (by the outputs extension), gives the
// channels their handler of commands such as SMS subscriptions; notify
// wakes the outbox.
var channelCommands func(a *app, notify func()) inbound.Commands

func init() {
	extend(extension{name: "channels", flags: channelFlagSet, mount: mountChannels, run: runChannels})
}

func channelFlagSet(fs *flag.FlagSet) {
	f := &channelFlags{}
	channelMu.Lock()
	channelConfig = f
	channelMu.Unlock()
	fs.StringVar(&f.kannelSecret, "kannel-secret", "", "shared secret Kannel's sms-service passes as ?secret=; empty: the Kannel webhook is not mounted")
	fs.StringVar(&f.kannelSendsmsURL, "kannel-sendsms-url", "", "Kannel's sendsms URL for replies (e.g. http://127.0.0.1:13013/cgi-bin/sendsms); empty: no SMS replies")
	fs.StringVar(&f.kannelUsername, "kannel-username", "", "sendsms-user username")
	fs.StringVar(&f.kannelPassword, "kannel-password", "", "sendsms-user password")
	fs.StringVar(&f.kannelFrom, "kannel-from", "", "sender number or name of replies (empty: Kannel's global-sender)")
	fs.StringVar(&f.kannelDLRURL, "kannel-dlr-url", "", "this server's /hooks/sms/kannel/dlr as Kannel reaches it, for delivery reports (the secret is added); empty: none requested")
	fs.StringVar(&f.twilioAuthToken, "twilio-auth-token", "", "auth token that signs the Twilio-style webhook; empty: /hooks/sms/twilio is not mounted")
	fs.StringVar(&f.twilioWebhookURL, "twilio-webhook-url", "", "the webhook's public URL as configured at the provider (signatures cover it); empty: rebuilt from the request")
	fs.StringVar(&f.telegramSecret, "telegram-secret", "", "webhook secret: the {secret} path part and the X-Telegram-Bot-Api-Secret-Token header; empty: the Telegram webhook is not mounted")
	fs.StringVar(&f.telegramBotToken, "telegram-bot-token", "", "bot token for replies with sendMessage; empty: no Telegram replies")
	fs.StringVar(&f.telegramAPIURL, "telegram-api-url", "https://api.telegram.org", "Bot API base URL")
	fs.Float64Var(&f.smsRate, "sms-rate", 6, "messages per minute one sender may send before further ones are stored flagged \"flood\" (no extraction, no reply); 0: no limit")
	fs.IntVar(&f.smsBurst, "sms-burst", 10, "messages one sender may send at once before the rate applies")
	fs.IntVar(&f.maxSenders, "sms-max-senders", ratelimit.DefaultMaxKeys, "senders whose rate is tracked at once (bounded memory)")
	fs.DurationVar(&f.outboxPoll, "outbox-poll", outbox.DefaultPoll, "how often the outbox looks for due messages")
	fs.IntVar(&f.outboxAttempts, "outbox-attempts", outbox.DefaultMaxAttempts, "send attempts before an outbound message is given up")
}

func mountChannels(a *app, s *httpapi.Server) error {
	channelMu.Lock()
	f := channelConfig
	channelMu.Unlock()
	if f == nil {
		return nil
	}
	sealer, err := contact.NewSealer(a.key)
	if err != nil {
		return err
	}
	w := outbox.New(a.store, sealer, a.clock, a.log)
	w.Poll, w.MaxAttempts = f.outboxPoll, f.outboxAttempts
	in := &inbound.Service{Intake: a.intake, Store: a.store, Sealer: sealer, Clock: a.clock, Log: a.log,
		Limiter: ratelimit.New(a.clock, f.smsRate, f.smsBurst, f.maxSenders), Queued: w.Notify}
	if channelCommands != nil {
		in.Commands = channelCommands(a, w.Notify)
	}

	if f.kannelSecret == "" {
		a.log.Info("channel not mounted: no --kannel-secret", "channel", "kannel")
	} else {
		reply := inbound.ReplyNone
		if f.kannelSendsmsURL != "" {
			c := &kannel.Client{URL: f.kannelSendsmsURL, Username: f.kannelUsername, Password: f.kannelPassword, From: f.kannelFrom}
			if f.kannelDLRURL != "" {
				u, err := url.Parse(f.kannelDLRURL)
				if err != nil {
					return fmt.Errorf("--kannel-dlr-url: %w", err)
				}
				q := u.Query()
				q.Set("secret", f.kannelSecret)
				u.RawQuery = q.Encode()
				c.DLRURL = u.String()
			}
			w.Senders["kannel"] = c
			reply = "kannel"
		} else {
			a.log.Info("kannel: replies off (no --kannel-sendsms-url)")
		}
		h := &kannel.Handler{Secret: f.kannelSecret, Inbound: in, Clock: a.clock, Log: a.log, Reply: reply}
		s.Handle("GET /hooks/sms/kannel", h)
		s.Handle("POST /hooks/sms/kannel", h)
		s.Handle("GET /hooks/sms/kannel/dlr", &kannel.DLRHandler{Secret: f.kannelSecret, Store: a.store, Clock: a.clock, Log: a.log})
		a.log.Info("channel mounted", "channel", "kannel", "route", "/hooks/sms/kannel", "replies", reply != "")
	}

	if f.twilioAuthToken == "" {
		a.log.Info("channel not mounted: no --twilio-auth-token", "channel", "twilio")
	} else {
		s.Handle("POST /hooks/sms/twilio", &twilio.Handler{AuthToken: f.twilioAuthToken, URL: f.twilioWebhookURL, Inbound: in, Log: a.log})
		a.log.Info("channel mounted", "channel", "twilio", "route", "/hooks/sms/twilio")
	}

	if f.telegramSecret == "" {
		a.log.Info("channel not mounted: no --telegram-secret", "channel", "telegram")
	} else {
		reply := inbound.ReplyNone
		if f.telegramBotToken != "" {
			w.Senders["telegram"] = &telegram.Client{BaseURL: f.telegramAPIURL, Token: f.telegramBotToken}
			reply = "telegram"
		}
		s.Handle("POST /hooks/telegram/{secret}", &telegram.Handler{Secret: f.telegramSecret, Inbound: in, Log: a.log, Reply: reply})
		a.log.Info("channel mounted", "channel", "telegram", "route", "/hooks/telegram/{secret}", "replies", reply != "")
	}

	channelMu.Lock()
	channelWork[a] = w
	channelMu.Unlock()
	return nil
}

// runChannels runs the outbox worker while serving.
func runChannels(ctx context.Context, a *app) error {
	channelMu.Lock()
	w := channelWork[a]
	channelMu.Unlock()
	defer func() {
		channelMu.Lock()
		delete(channelWork, a)
		channelMu.Unlock()
	}()
	if w == nil || len(w.Senders) == 0 {
		return nil
	}
	return w.Run(ctx)
}
