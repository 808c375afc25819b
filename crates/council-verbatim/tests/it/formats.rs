//! Each format of the record: what it says about the new business (speakers, co-sponsors,
//! revisions), its structure, and its escaping of texts taken from the events.

use council_core::meeting::{Command, MeetingFormat, Participant};
use council_data::Roster;
use council_verbatim::{render, render_html, render_markdown};

use crate::support::{code, live_meeting, open, run};

#[test]
fn the_plain_record_names_speakers_in_order_co_sponsors_and_revisions() {
    let text = render(&live_meeting(), Roster::embedded());
    let algeria = text
        .find("\nThe President gave the floor to the representative of Algeria.\n")
        .expect("Algeria spoke");
    let israel = text
        .find("\nThe President gave the floor to the representative of Israel.\n")
        .expect("Israel spoke");
    assert!(algeria < israel, "{text}");
    assert!(text.contains("\n  Brazil joined the sponsors of draft resolution S/2024/999.\n"));
    assert!(text.contains(
        "\n\nDraft resolution S/2024/999 revised (Rev.1)\n  The text of S/2024/999/Rev.1 reads:\n    OP1: Demands a ceasefire.\n    OP2: Decides to remain seized of the matter.\n"
    ));
    // Putting a draft in blue happens outside the meeting and is not recorded.
    assert!(!text.contains("blue"), "{text}");
    insta::assert_snapshot!("live_meeting_text", text);
}

#[test]
fn the_plain_record_keeps_texts_as_they_are() {
    let text = render(&live_meeting(), Roster::embedded());
    assert!(text.contains("    OP1: Demands <script>alert(\"x\")</script> a *ceasefire*.\n"));
}

#[test]
fn markdown_escapes_markup_in_texts() {
    let markdown = render_markdown(&live_meeting(), Roster::embedded());
    assert!(!markdown.contains("<script>"), "{markdown}");
    assert!(
        markdown.contains(r#"- **OP1**: Demands \<script\>alert("x")\</script\> a \*ceasefire\*."#),
        "{markdown}"
    );
    assert!(markdown.contains("- The situation in the Middle East \\& \\<elsewhere\\>"));
    insta::assert_snapshot!("live_meeting_markdown", markdown);
}

#[test]
fn markdown_has_one_title_and_a_heading_per_piece_of_business() {
    let markdown = render_markdown(&live_meeting(), Roster::embedded());
    let titles = markdown
        .lines()
        .filter(|line| line.starts_with("# "))
        .count();
    assert_eq!(titles, 1);
    assert!(markdown.contains("\n## Vote on draft resolution S/2024/999\n"));
    assert!(markdown.contains("\n- **Abstaining (1):** Switzerland\n"));
    assert!(markdown.ends_with("The meeting rose.\n"));
}

#[test]
fn html_is_a_complete_document_with_every_text_escaped() {
    let html = render_html(&live_meeting(), Roster::embedded());
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
    );
    assert!(html.contains("<title>Security Council, 9999th meeting (S/PV.9999), Wednesday, 20 November 2024, Public meeting</title>"));
    assert!(html.contains("<style>"));
    assert!(html.ends_with("</main>\n</body>\n</html>\n"));
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("Demands &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; a *ceasefire*.")
    );
    assert!(html.contains("<li>The situation in the Middle East &amp; &lt;elsewhere&gt;</li>"));
    // Self-contained: nothing is fetched.
    for external in ["src=", "href=", "http:", "https:", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
    insta::assert_snapshot!("live_meeting_html", html);
}

#[test]
fn html_elements_are_balanced_and_sections_labelled_by_their_headings() {
    let html = render_html(&live_meeting(), Roster::embedded());
    for tag in [
        "section",
        "header",
        "ul",
        "ol",
        "table",
        "tbody",
        "blockquote",
        "main",
    ] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let closed = html.matches(&format!("</{tag}>")).count();
        assert_eq!(opened, closed, "<{tag}>");
    }
    assert_eq!(html.matches("<h1>").count(), 1);
    let n_sections = html.matches("<section aria-labelledby=\"business-").count();
    let n_headings = html.matches("<h2 id=\"business-").count();
    assert_eq!(n_sections, n_headings);
    assert!(html.contains(
        "<tr><th scope=\"row\">Against</th><td>1</td><td>United States of America</td></tr>"
    ));
    assert!(html.contains("<p>The President gave the floor to the representative of Algeria.</p>"));
}

#[test]
fn closed_consultations_end_and_their_briefers_are_named_in_every_format() {
    let events = run(vec![
        open(MeetingFormat::ClosedConsultations),
        Command::InviteParticipant {
            participant: Participant::Person {
                name: "Tor Wennesland".to_owned(),
                title: "Special Coordinator".to_owned(),
            },
            basis: council_core::meeting::InvitationBasis::Rule39,
        },
        Command::InscribeSpeaker {
            speaker: code("CHN"),
        },
        Command::GiveFloor {
            speaker: code("CHN"),
        },
        Command::CloseMeeting,
    ]);
    let roster = Roster::embedded();
    for record in [
        render(&events, roster),
        render_markdown(&events, roster),
        render_html(&events, roster),
    ] {
        assert!(
            record.contains("Briefing: Tor Wennesland, Special Coordinator"),
            "{record}"
        );
        assert!(record.contains("The President gave the floor to the representative of China."));
        assert!(record.contains("The consultations ended."), "{record}");
    }
}

#[test]
fn an_empty_log_renders_an_empty_text_and_a_valid_page() {
    assert_eq!(render(&[], Roster::embedded()), "");
    assert_eq!(render_markdown(&[], Roster::embedded()), "");
    let html = render_html(&[], Roster::embedded());
    assert!(html.contains("<title>Security Council record</title>"));
    assert!(html.contains("<main>\n</main>"));
}
