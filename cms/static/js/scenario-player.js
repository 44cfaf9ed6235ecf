/*
 * The video scenario player (training/templates/training/includes/player.html).
 *
 * Progressive enhancement of a native <video controls>. Without this script the decision
 * points are forms below the video. With it:
 *
 * - Decision points are asked in the page, in the panel below the video (#decision-panel):
 *   when playback reaches a point's time the video pauses (leaving full screen first), the
 *   panel shows the question as radio options, focus moves to its heading and the live
 *   region (#scenario-live) says "Video paused: decision point 1 of 3". The answer is sent
 *   with fetch (JSON back: the option's commentary, recorded for a signed-in person); the
 *   commentary is shown and announced, and "Continue the video" resumes playback and puts
 *   focus back on the video. Each point is asked once per viewing, and again after seeking
 *   back before it. Skipping past a point with a seek does not ask it; after the video
 *   ends, the points not answered are shown as the forms below the video.
 * - Watched time: the ranges actually played, from timeupdate (a jump between two updates
 *   bigger than playback could make, or any seek, is never counted), sent to the server
 *   every 15 seconds of play and on pause, end and leaving the page. The server keeps the
 *   union, so sending the same ranges twice never counts twice. Only for signed-in people.
 *
 * Data comes from the json_script element #scenario-player-data (no inline script: the
 * Content-Security-Policy allows none). Styles: cms/frontend/_scenario-player.scss.
 */

var BEACON_EVERY = 15; // seconds of play between beacons
// Seconds between two timeupdates that can still be play at 1x speed (browsers send them
// every 15-250 ms; a busy page can be slower). A seek is caught by its own event; this
// only stops an unexplained jump from counting. A step is also play when no more video
// time passed than the clock allows (a busy device may send timeupdates seconds apart).
var MAX_STEP = 3;
var JOIN_GAP = 0.25; // as training/progress.py: ranges this close are one
var MAX_RANGES = 500; // as training/progress.py

function byId(id) {
  return document.getElementById(id);
}

function readData() {
  var element = byId("scenario-player-data");
  if (!element) return null;
  try {
    return JSON.parse(element.textContent);
  } catch (error) {
    return null;
  }
}

/* Add [start, end] to a sorted list of disjoint ranges, merging as the server does. */
export function addRange(ranges, start, end) {
  if (!(end > start)) return ranges;
  var merged = [];
  var placed = false;
  for (var i = 0; i < ranges.length; i++) {
    var range = ranges[i];
    if (range[1] + JOIN_GAP < start) {
      merged.push(range);
    } else if (end + JOIN_GAP < range[0]) {
      if (!placed) {
        merged.push([start, end]);
        placed = true;
      }
      merged.push(range);
    } else {
      start = Math.min(start, range[0]);
      end = Math.max(end, range[1]);
    }
  }
  if (!placed) merged.push([start, end]);
  merged.sort(function (a, b) {
    return a[0] - b[0];
  });
  return merged;
}

function round3(value) {
  return Math.round(value * 1000) / 1000;
}

function initPlayer() {
  var video = byId("scenario-video");
  var data = readData();
  if (!video || !data) return;

  var panel = byId("decision-panel");
  var heading = byId("decision-panel-heading");
  var contextText = byId("decision-panel-context");
  var form = byId("decision-panel-form");
  var group = byId("decision-panel-group");
  var question = byId("decision-panel-question");
  var errorText = byId("decision-panel-error");
  var optionsBox = byId("decision-panel-options");
  var submit = byId("decision-panel-submit");
  var commentary = byId("decision-panel-commentary");
  var commentaryHeading = byId("decision-panel-commentary-heading");
  var chosenText = byId("decision-panel-chosen");
  var commentaryText = byId("decision-panel-commentary-text");
  var recordedText = byId("decision-panel-recorded");
  var continueButton = byId("decision-panel-continue");
  var live = byId("scenario-live");
  var noScriptList = byId("decision-points");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";

  var total = data.total || data.points.length;
  var points = data.points.slice().sort(function (a, b) {
    return a.seconds - b.seconds || a.number - b.number;
  });
  var asked = {}; // point index -> true: asked in this viewing
  var answeredHere = {}; // point index -> true: answered since the page loaded
  var open = null; // the point the panel is showing
  var sending = false;

  var played = [];
  var last = null; // the time of the last timeupdate during play; null after a seek
  var lastClock = 0; // performance.now() when `last` was taken
  var playSinceBeacon = 0;
  var lastSent = "";

  function announce(message) {
    // Cleared first so the same words said twice are announced twice.
    live.textContent = "";
    window.setTimeout(function () {
      live.textContent = message;
    }, 50);
  }

  // -- the no-JavaScript forms give way to the panel --------------------------------------

  function formFor(point) {
    return byId("decision-" + point.number);
  }

  var targeted = window.location.hash && /^#decision-\d+$/.test(window.location.hash);
  if (noScriptList && !targeted) {
    var hideAll = true;
    points.forEach(function (point) {
      var block = formFor(point);
      if (block) block.hidden = true;
    });
    noScriptList.querySelectorAll(".app-decision").forEach(function (block) {
      if (!block.hidden) hideAll = false;
    });
    if (hideAll) noScriptList.hidden = true;
  }

  function showUnanswered() {
    if (!noScriptList) return;
    var any = false;
    points.forEach(function (point) {
      var block = formFor(point);
      if (block && !answeredHere[point.index]) {
        block.hidden = false;
        any = true;
      }
    });
    if (any) noScriptList.hidden = false;
  }

  // -- the decision panel ------------------------------------------------------------------

  function leaveFullScreen() {
    if (document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () {});
    } else if (video.webkitDisplayingFullscreen && video.webkitExitFullscreen) {
      video.webkitExitFullscreen();
    }
  }

  function setError(message) {
    errorText.textContent = "";
    if (message) {
      var hidden = document.createElement("span");
      hidden.className = "govuk-visually-hidden";
      hidden.textContent = "Error: ";
      errorText.appendChild(hidden);
      errorText.appendChild(document.createTextNode(message));
    }
    errorText.hidden = !message;
    group.classList.toggle("govuk-form-group--error", Boolean(message));
  }

  function buildOptions(point) {
    optionsBox.textContent = "";
    point.options.forEach(function (option) {
      var item = document.createElement("div");
      item.className = "govuk-radios__item";
      var input = document.createElement("input");
      input.className = "govuk-radios__input";
      input.type = "radio";
      input.name = "option";
      input.value = String(option.index);
      input.id = "decision-panel-option-" + option.index;
      var label = document.createElement("label");
      label.className = "govuk-label govuk-radios__label";
      label.htmlFor = input.id;
      label.textContent = option.label;
      item.appendChild(input);
      item.appendChild(label);
      optionsBox.appendChild(item);
    });
  }

  function ask(point) {
    asked[point.index] = true;
    open = point;
    leaveFullScreen();
    video.pause();
    heading.textContent = "Decision point " + point.number + " of " + total;
    contextText.textContent = point.context || "";
    contextText.hidden = !point.context;
    question.textContent = point.question;
    buildOptions(point);
    form.action = point.answerUrl;
    form.hidden = false;
    optionsBox.closest("fieldset").disabled = false;
    submit.hidden = false;
    submit.disabled = false;
    setError("");
    commentary.hidden = true;
    continueButton.hidden = true;
    panel.hidden = false;
    heading.focus();
    announce("Video paused: decision point " + point.number + " of " + total);
  }

  function closePanel() {
    panel.hidden = true;
    open = null;
  }

  function showCommentary(point, label, text, note) {
    answeredHere[point.index] = true;
    optionsBox.closest("fieldset").disabled = true;
    submit.hidden = true;
    chosenText.textContent = label;
    commentaryText.textContent = text;
    recordedText.textContent = note;
    commentary.hidden = false;
    continueButton.hidden = false;
    commentaryHeading.focus();
    announce("You chose: " + label + ". " + text);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var point = open;
    if (!point || sending) return;
    var checked = form.querySelector("input[name=option]:checked");
    if (!checked) {
      setError("Select what you would do.");
      var first = form.querySelector("input[name=option]");
      if (first) first.focus();
      return;
    }
    setError("");
    var option = point.options[Number(checked.value)];
    sending = true;
    submit.disabled = true;
    fetch(point.answerUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": token },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.error || "The answer was not accepted.");
          return body;
        });
      })
      .then(function (body) {
        var note = body.recorded
          ? "Your answer has been recorded."
          : "Your answer has not been recorded: sign in to record your progress.";
        showCommentary(point, body.label, body.commentary, note);
      })
      .catch(function () {
        // The commentary is in the page's data: show it even if the answer was not saved.
        showCommentary(
          point,
          option.label,
          option.commentary,
          data.signedIn ? "Your answer could not be saved. Check your connection; you can answer again later." : ""
        );
      })
      .finally(function () {
        sending = false;
      });
  });

  continueButton.addEventListener("click", function () {
    closePanel();
    video.focus();
    if (!video.ended) {
      var playing = video.play();
      if (playing && playing.catch) playing.catch(function () {});
      announce("Video playing");
    }
  });

  // Played from elsewhere (the video's own controls) while a question is open: the person
  // chose to go on without answering.
  video.addEventListener("play", function () {
    if (open) closePanel();
  });

  // -- watched ranges and beacons ----------------------------------------------------------

  function send(leaving) {
    if (!data.signedIn || !played.length) return;
    var ranges = played.slice(0, MAX_RANGES).map(function (range) {
      return [round3(range[0]), round3(range[1])];
    });
    var payload = JSON.stringify(ranges);
    if (payload === lastSent) return;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", token);
    body.append("ranges", payload);
    if (leaving && navigator.sendBeacon) {
      if (navigator.sendBeacon(data.watchUrl, body)) lastSent = payload;
      return;
    }
    fetch(data.watchUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: true,
      headers: { Accept: "application/json", "X-CSRFToken": token },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (result) {
        if (!result) return;
        lastSent = payload;
        showProgress(result);
      })
      .catch(function () {});
  }

  function showProgress(result) {
    var percent = byId("scenario-progress-percent");
    var watched = byId("scenario-progress-watched");
    if (result.watchedToEnd && watched) {
      watched.textContent = "Watched to the end";
    } else if (percent) {
      percent.textContent = String(result.percent);
    }
  }

  video.addEventListener("timeupdate", function () {
    var now = video.currentTime;
    if (video.seeking) {
      last = null;
      return;
    }
    var from = last;
    var clock = window.performance.now();
    var elapsed = (clock - lastClock) / 1000;
    last = now;
    lastClock = clock;
    if (from === null) return;
    var step = now - from;
    var rate = Math.max(1, video.playbackRate || 1);
    if (step <= 0 || step > Math.max(MAX_STEP, elapsed * 1.25 + 0.5) * rate) return; // a jump, not play
    played = addRange(played, from, now);
    playSinceBeacon += step;
    if (playSinceBeacon >= BEACON_EVERY) {
      playSinceBeacon = 0;
      send(false);
    }
    if (open) return;
    for (var i = 0; i < points.length; i++) {
      var point = points[i];
      if (!asked[point.index] && from <= point.seconds && now >= point.seconds) {
        ask(point);
        break;
      }
    }
  });

  video.addEventListener("seeking", function () {
    last = null;
    var now = video.currentTime;
    // Seeking back before a point asks it again when playback reaches it.
    points.forEach(function (point) {
      if (point.seconds >= now) delete asked[point.index];
    });
    if (open && now < open.seconds) closePanel();
  });

  video.addEventListener("seeked", function () {
    last = video.seeking ? null : video.currentTime;
    lastClock = window.performance.now();
  });

  video.addEventListener("pause", function () {
    last = video.currentTime;
    lastClock = window.performance.now();
    send(false);
  });

  video.addEventListener("ended", function () {
    send(false);
    showUnanswered();
  });

  window.addEventListener("pagehide", function () {
    send(true);
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") send(true);
  });
}

initPlayer();
