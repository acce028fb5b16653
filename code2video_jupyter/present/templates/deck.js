// code2video present mode: reveal.js with one slide per lecture line. Reveal plays each slide's
// clip when it is shown and holds its last frame; this adds what a lesson needs on top:
// a click anywhere advances, and the narration can be switched off (M, or the button) for a
// teacher who speaks instead; the choice is remembered for the next time the deck is opened.
(function () {
  "use strict";
  var deck = window.C2V_DECK;
  var STORE = "code2video.narration";
  var narration = deck.narrated;
  try { narration = deck.narrated && window.localStorage.getItem(STORE) !== "off"; } catch (e) { /* file:// without storage */ }
  var button = document.getElementById("c2v-narration");

  function currentVideo() {
    var bg = Reveal.getSlideBackground(Reveal.getCurrentSlide());
    return bg ? bg.querySelector("video") : null;
  }

  function applyNarration() {
    document.querySelectorAll(".reveal .backgrounds video").forEach(function (v) { v.muted = !narration; });
    if (button) {
      button.textContent = "narration: " + (narration ? "on" : "off");
      button.setAttribute("aria-pressed", narration ? "true" : "false");
    }
  }

  // A browser may refuse to start a video with sound before the page was used (opened at a
  // step by its URL): play it silently then, rather than not at all.
  function play() {
    applyNarration();
    var v = currentVideo();
    if (!v) { return; }
    var started = v.play();
    if (started && started.catch) {
      started.catch(function () { v.muted = true; v.play().catch(function () {}); });
    }
  }

  function toggleNarration() {
    narration = !narration;
    try { window.localStorage.setItem(STORE, narration ? "on" : "off"); } catch (e) { /* ignore */ }
    applyNarration();
  }

  Reveal.initialize({
    width: deck.width, height: deck.height, margin: 0.04, center: true,
    hash: true, controls: true, progress: true, slideNumber: "c/t",
    transition: "none", backgroundTransition: "none",
    keyboard: deck.narrated ? { 77: toggleNarration } : {},
    plugins: [RevealNotes]
  });
  // The presenter view's previews are this page too: they need no narration button.
  if (button && Reveal.isSpeakerNotes()) { button.hidden = true; }
  Reveal.on("ready", play);
  Reveal.on("slidechanged", play);
  if (button) { button.addEventListener("click", function (e) { e.stopPropagation(); toggleNarration(); }); }
  // A click on the slide goes on to the next line (the arrows, links and buttons keep theirs).
  document.querySelector(".reveal").addEventListener("click", function (e) {
    if (e.target.closest("a, button, .controls, .progress, aside")) { return; }
    Reveal.next();
  });
})();
