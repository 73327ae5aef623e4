package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/inbound"
	"sitroom/internal/outbox"
)

// Handler serves POST /hooks/telegram/{secret}. Both the path secret and
// the X-Telegram-Bot-Api-Secret-Token header (set with setWebhook's
// secret_token) must match, each compared in constant time.
type Handler struct {
	Secret  string
	Inbound *inbound.Service
	Log     *slog.Logger
	// Reply is "telegram" when a bot token is configured, else
	// inbound.ReplyNone.
	Reply string
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const route = "/hooks/telegram/{secret}"
	pathOK := inbound.SecretEqual(r.PathValue("secret"), h.Secret)
	headerOK := inbound.SecretEqual(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"), h.Secret)
	if !pathOK || !headerOK {
		inbound.WriteError(w, h.Log, route, domain.Errorf(domain.CodeForbidden, "wrong webhook secret"))
		return
	}
	body, err := inbound.ReadBody(r, inbound.MaxBody)
	if err != nil {
		inbound.WriteError(w, h.Log, route, err)
		return
	}
	post, err := Decode(body)
	if errors.Is(err, ErrIgnored) {
		writeOK(w, "ignored", "")
		return
	}
	if err != nil {
		inbound.WriteError(w, h.Log, route, err)
		return
	}
	meta := map[string]string{"gateway": "telegram", "update_id": strconv.FormatInt(post.UpdateID, 10),
		"update_kind": string(post.Kind), "chat_type": post.Message.Chat.Type}
	// Replies go to the sender privately, never into a group, where an
	// answer from the bot would show others who reports; a bot does not
	// answer a channel post.
	reply, replyTo := h.Reply, ""
	if from := post.Message.From; from != nil && post.Sender() == "user:"+strconv.FormatInt(from.ID, 10) {
		replyTo = strconv.FormatInt(from.ID, 10)
	} else {
		reply = inbound.ReplyNone
	}
	key := func(chat string) string { return h.Inbound.Opaque("telegram-chat", chat) }
	out, err := h.Inbound.Receive(r.Context(), inbound.Message{Channel: domain.ChannelTelegram, Gateway: "telegram",
		ClientID: post.ClientID(key), Contact: post.Sender(), ReplyTo: replyTo,
		Text: post.Body(), ReceivedAt: post.Time(), Source: post.Source(), Meta: meta,
		PreviousClientID: post.PreviousClientID(key)}, reply)
	if err != nil {
		inbound.WriteError(w, h.Log, route, err)
		return
	}
	h.Log.Info("telegram update", "report", out.ReportID, "status", out.Status, "reporter", out.ReporterID,
		"kind", post.Kind, "flood", out.Flood)
	writeOK(w, out.Status, out.ReportID)
}

func writeOK(w http.ResponseWriter, status, reportID string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	json.NewEncoder(w).Encode(map[string]string{"status": status, "report_id": reportID})
}

// Client sends replies with the Bot API's sendMessage. It is an
// outbox.Sender; errors never carry the URL, which holds the bot token.
type Client struct {
	BaseURL string // https://api.telegram.org, or a test server
	Token   string
	HTTP    *http.Client
}

var _ outbox.Sender = (*Client)(nil)

// Send posts one message to a chat.
func (c *Client) Send(ctx context.Context, chatID string, m domain.OutboundMessage) error {
	id, err := strconv.ParseInt(chatID, 10, 64)
	if err != nil {
		return outbox.Permanent(errors.New("telegram: the stored chat id is not a number"))
	}
	body, _ := json.Marshal(map[string]any{"chat_id": id, "text": m.Text})
	u := strings.TrimRight(c.BaseURL, "/") + "/bot" + url.PathEscape(c.Token) + "/sendMessage"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return outbox.Permanent(errors.New("telegram: cannot build the request"))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := outbox.Do(c.HTTP, req, "telegram")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var res struct {
		OK          bool   `json:"ok"`
		Description string `json:"description"`
	}
	json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&res)
	switch {
	case resp.StatusCode == http.StatusOK && res.OK:
		return nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return fmt.Errorf("telegram: %s %s", resp.Status, res.Description)
	}
	return outbox.Permanent(fmt.Errorf("telegram: %s %s", resp.Status, res.Description))
}
