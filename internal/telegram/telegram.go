// Package telegram serves a Telegram bot's webhook: the Bot API's Update
// objects (message, edited_message, channel_post, edited_channel_post,
// with text or a media caption) become reports. An edit is a new version
// linked to the first, never a silent change. Replies, when a bot token is
// configured, go out through sendMessage from the outbox.
package telegram

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sitroom/internal/domain"
)

// Update is the part of a Bot API Update sitroom reads.
type Update struct {
	UpdateID          int64    `json:"update_id"`
	Message           *Message `json:"message,omitempty"`
	EditedMessage     *Message `json:"edited_message,omitempty"`
	ChannelPost       *Message `json:"channel_post,omitempty"`
	EditedChannelPost *Message `json:"edited_channel_post,omitempty"`
}

// Message is the part of a Bot API Message sitroom reads.
type Message struct {
	MessageID  int64  `json:"message_id"`
	From       *User  `json:"from,omitempty"`
	SenderChat *Chat  `json:"sender_chat,omitempty"`
	Chat       Chat   `json:"chat"`
	Date       int64  `json:"date"`
	EditDate   int64  `json:"edit_date,omitempty"`
	Text       string `json:"text,omitempty"`
	Caption    string `json:"caption,omitempty"`
}

// User is a Telegram user or bot.
type User struct {
	ID       int64  `json:"id"`
	IsBot    bool   `json:"is_bot"`
	Username string `json:"username,omitempty"`
}

// Chat is a private chat, group, supergroup or channel.
type Chat struct {
	ID       int64  `json:"id"`
	Type     string `json:"type"`
	Title    string `json:"title,omitempty"`
	Username string `json:"username,omitempty"`
}

// Kind says which field of the Update carried the message.
type Kind string

// Update kinds sitroom reads.
const (
	KindMessage           Kind = "message"
	KindEditedMessage     Kind = "edited_message"
	KindChannelPost       Kind = "channel_post"
	KindEditedChannelPost Kind = "edited_channel_post"
)

// Post is one decoded update: the message and what it is.
type Post struct {
	UpdateID int64
	Kind     Kind
	Message  Message
}

// Edited reports whether the post is a new version of an earlier message.
func (p Post) Edited() bool { return p.Kind == KindEditedMessage || p.Kind == KindEditedChannelPost }

// Body is the message's text, or its caption for a photo or document.
func (p Post) Body() string {
	if p.Message.Text != "" {
		return p.Message.Text
	}
	return p.Message.Caption
}

// ChatKey turns a chat id into the opaque form client ids carry: client
// ids are shown in the API, chat ids (a private chat's is the user's
// account id) must not be.
type ChatKey func(chatID string) string

// ClientID is the post's idempotency key: chat and message id, which a
// re-delivered update (same update_id) repeats, plus the edit time for a
// new version.
func (p Post) ClientID(key ChatKey) string {
	id := p.firstKey(key)
	if p.Edited() {
		id += ":e" + strconv.FormatInt(p.Message.EditDate, 10)
	}
	return id
}

// firstKey is the key of the message's first version.
func (p Post) firstKey(key ChatKey) string {
	return fmt.Sprintf("tg:%s:%d", key(strconv.FormatInt(p.Message.Chat.ID, 10)), p.Message.MessageID)
}

// PreviousClientID is, for an edit, the client id of the first version.
func (p Post) PreviousClientID(key ChatKey) string {
	if !p.Edited() {
		return ""
	}
	return p.firstKey(key)
}

// Sender is whose pseudonym the report carries: the user for a message,
// the chat (or the chat posting on its behalf) for a channel post.
func (p Post) Sender() string {
	m := p.Message
	switch {
	case m.From != nil && p.Kind != KindChannelPost && p.Kind != KindEditedChannelPost:
		return "user:" + strconv.FormatInt(m.From.ID, 10)
	case m.SenderChat != nil:
		return "chat:" + strconv.FormatInt(m.SenderChat.ID, 10)
	}
	return "chat:" + strconv.FormatInt(m.Chat.ID, 10)
}

// Source is a public channel's name: a channel is an outlet, its posts
// are attributed to it (and de-duplicated within it).
func (p Post) Source() string {
	c := p.Message.Chat
	if c.Type != "channel" {
		return ""
	}
	if c.Username != "" {
		return "@" + c.Username
	}
	return c.Title
}

// Time is when the message was written (or edited).
func (p Post) Time() time.Time {
	t := p.Message.Date
	if p.Edited() && p.Message.EditDate > 0 {
		t = p.Message.EditDate
	}
	if t <= 0 {
		return time.Time{}
	}
	return time.Unix(t, 0).UTC()
}

// ErrIgnored marks an update sitroom has nothing to do with (a callback
// query, a member change, a message without text): it is acknowledged so
// that Telegram does not send it again.
var ErrIgnored = &domain.Error{Code: domain.CodeUnsupported, Message: "the update carries no message text sitroom reads"}

// Decode reads an Update. Unknown fields are ignored: the Bot API adds
// fields over time and an update must not be refused for them.
func Decode(body []byte) (Post, error) {
	var u Update
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&u); err != nil {
		return Post{}, domain.Errorf(domain.CodeMalformed, "update is not Bot API JSON: %v", err)
	}
	if dec.More() {
		return Post{}, domain.Errorf(domain.CodeMalformed, "unexpected data after the update")
	}
	if u.UpdateID <= 0 {
		return Post{}, domain.FieldError("update_id", "is missing")
	}
	p := Post{UpdateID: u.UpdateID}
	n := 0
	for _, c := range []struct {
		k Kind
		m *Message
	}{{KindMessage, u.Message}, {KindEditedMessage, u.EditedMessage}, {KindChannelPost, u.ChannelPost}, {KindEditedChannelPost, u.EditedChannelPost}} {
		if c.m != nil {
			p.Kind, p.Message = c.k, *c.m
			n++
		}
	}
	switch {
	case n == 0:
		return p, ErrIgnored
	case n > 1:
		return p, domain.Errorf(domain.CodeMalformed, "an update carries one message, this one %d", n)
	case p.Message.MessageID <= 0:
		return p, domain.FieldError(string(p.Kind)+".message_id", "is missing")
	case p.Message.Chat.ID == 0:
		return p, domain.FieldError(string(p.Kind)+".chat.id", "is missing")
	case p.Edited() && p.Message.EditDate <= 0:
		return p, domain.FieldError(string(p.Kind)+".edit_date", "an edited message needs its edit_date")
	case strings.TrimSpace(p.Body()) == "":
		return p, ErrIgnored
	case p.Message.From != nil && p.Message.From.IsBot:
		return p, ErrIgnored // bots (ours included) do not report
	}
	return p, nil
}
