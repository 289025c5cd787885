"""End to end through the real NLP stage: nlp.analyze, the bulk indexer, then the API."""

from __future__ import annotations

from apikit import Story, index_stories  # noqa: E402

TEXTS = {
    "ar": "نفت شركة سحاب للبرمجيات أن تكون سربت بيانات ٣ ملايين عميل، وقالت إنها استثمرت ٥٠ مليون دولار "
          "في حماية الأنظمة.",
    "en": "Sahab Software denied that it had leaked the data of 3 million customers, and said it had invested "
          "$50 million in protecting its systems.",
}


class Analysed(Story):
    """A story whose Analysis comes from nlp.analyze instead of being written by hand."""

    def analysis(self) -> dict:
        from marsad import nlp
        return nlp.analyze(self.body, lang=self.lang).to_dict()


def test_denials_found_by_the_nlp_stage_are_served(client, es, tmp_path):
    stories = [Analysed(key=f"pipeline-{lang}", lang=lang, source="api-test-pipeline",
                        published="2026-11-26T10:00:00Z", title=text[:40], body=text)
               for lang, text in TEXTS.items()]
    index_stories(es, stories, tmp_path)
    for story in stories:
        analysis = story.analysis()
        denials = [c for c in analysis["claims"] if c["kind"] == "denial"]
        assert denials, f"the NLP stage found no denial in the {story.lang} text"
        speaker = denials[0]["speaker"]["id"]
        res = client.get("/api/v1/claims", query_string={"kind": "denial", "speaker": speaker,
                                                         "lang": story.lang, "source": "api-test-pipeline"})
        assert res.status_code == 200
        assert [c["text"] for c in res.json["items"]] == [d["text"] for d in denials]
        figures = client.get("/api/v1/claims", query_string={
            "figure_kind": "count", "min_value": 1_000_000, "source": "api-test-pipeline", "lang": story.lang}).json
        assert figures["total"] >= 1
        assert client.get(f"/api/v1/entities/{speaker}").status_code == 200
    # The same story in both languages, found by one bilingual query.
    both = client.get("/api/v1/articles", query_string={"q": "leaked OR سربت", "source": "api-test-pipeline"}).json
    assert {a["lang"] for a in both["items"]} == {"ar", "en"}
