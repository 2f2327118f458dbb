"""GraphQL documents the content tests share: every field of every block type."""

from __future__ import annotations

DOCUMENT = "id title url fileSize fileType mimeType pageCount"
IMAGE = "id title width height altText url"

POLICY_BODY = f"""
query ($id: ID, $channel: Channel) {{
  page(id: $id) {{
    ... on PolicyPage {{
      body(channel: $channel) {{
        __typename
        ... on HeadingBlock {{ id text level }}
        ... on ParagraphBlock {{ id value text(maxLength: 12) }}
        ... on TableBlock {{
          id rows firstRowIsHeader firstColIsHeader caption
          mergedCells {{ row col rowspan colspan }}
        }}
        ... on AttachmentListBlock {{
          id heading items {{ id title document {{ {DOCUMENT} }} }}
        }}
        ... on CalloutBlock {{ id style title text }}
      }}
    }}
  }}
}}
"""

PARAGRAPHS = """
query ($id: ID, $channel: Channel) {
  page(id: $id) {
    ... on PolicyPage { body(channel: $channel) { ... on ParagraphBlock { value } } }
  }
}
"""

INTERPRETATION_BODY = f"""
query ($id: ID, $channel: Channel) {{
  page(id: $id) {{
    ... on InterpretationPage {{
      body(channel: $channel) {{
        __typename
        ... on ParagraphBlock {{ id value }}
        ... on QABlock {{ id heading items {{ id question answer }} }}
        ... on InfographicBlock {{
          id altText longDescription caption
          image {{ {IMAGE} rendition(preset: CONTENT) {{ url width height filter }} }}
        }}
        ... on VideoBlock {{
          id title duration transcript
          sources {{ kind url mimeType }}
          poster {{ id altText rendition(preset: HERO) {{ width height filter }} }}
          captions {{ kind srclang label url document {{ id fileType }} }}
        }}
        ... on LiveStreamBlock {{
          id title startTime status streamUrl replayUrl description
          poster {{ id }}
        }}
      }}
    }}
  }}
}}
"""

RELEASE_BODY = """
query ($id: ID, $channel: Channel) {
  page(id: $id) {
    ... on IntegratedReleasePage {
      body(channel: $channel) {
        __typename
        ... on ReleaseSectionBlock {
          id title intro
          items {
            __typename
            ... on PolicyReferenceBlock { id note policy { id title validity } }
            ... on InterpretationReferenceBlock { id interpretation { id title } }
            ... on ServiceItemReferenceBlock { id serviceItem { id name webUrl } }
            ... on FAQReferenceBlock { id question answer faq { id question } }
          }
        }
      }
    }
  }
}
"""
