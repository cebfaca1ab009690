//! Statements of a build script: each is the tokens of its head (`android`, `create("qa")`,
//! `applicationId = "x"`) and, when it has one, its block (`{ … }`). Both Groovy and Kotlin DSL
//! build scripts are, for the part that configures a build, nested blocks of such statements.

use super::lexer::{Tok, Token};

/// One statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stmt {
    /// The tokens before the block (or the whole statement), newlines inside brackets dropped.
    pub head: Vec<Token>,
    /// The statements of its `{ … }` block, if it has one.
    pub block: Option<Vec<Stmt>>,
}

impl Stmt {
    /// 1-based line of the statement's first token.
    pub fn line(&self) -> u32 {
        self.head.first().map_or(0, |t| t.line)
    }
}

/// Builds the statement tree. The lexer has balanced every bracket already, so this cannot
/// fail; it recurses once per `{` level, which the lexer bounds. The tokens are moved into the
/// statements, not copied.
pub fn statements(tokens: Vec<Token>) -> Vec<Stmt> {
    let mut slots: Vec<Option<Token>> = tokens.into_iter().map(Some).collect();
    let mut i = 0;
    block(&mut slots, &mut i)
}

fn continues(last: Option<&Token>, next: Option<&Token>) -> bool {
    let ends_open = last.is_some_and(|t| {
        matches!(
            t.tok,
            Tok::Punct('=' | ',' | '+' | '-' | '*' | '.' | ':' | '?' | '&' | '|' | '>' | '<' | '!')
        )
    });
    let next_chains = next.is_some_and(|t| matches!(t.tok, Tok::Punct('.' | '?')));
    ends_open || next_chains
}

/// What a token does to the statement structure.
enum Role {
    /// `(` or `[`, or a `{` inside brackets.
    Open,
    /// `)` or `]`, or a `}` inside brackets.
    Close,
    /// A `{` opening a block.
    Block,
    /// The `}` ending this block.
    End,
    /// A newline inside brackets.
    Inside,
    /// A newline or `;` outside brackets.
    Break,
    /// Anything else.
    Other,
}

/// `tokens` from `*i` on, each taken out of its slot when it is used (the slots after `*i` are
/// all still full).
fn block(tokens: &mut [Option<Token>], i: &mut usize) -> Vec<Stmt> {
    let mut out = Vec::new();
    let mut head: Vec<Token> = Vec::new();
    let mut depth = 0usize;
    while let Some(slot) = tokens.get_mut(*i) {
        let Some(t) = slot.take() else {
            *i += 1;
            continue;
        };
        let role = match &t.tok {
            Tok::Punct('(' | '[') => Role::Open,
            Tok::Punct(')' | ']') => Role::Close,
            Tok::Punct('{') if depth > 0 => Role::Open,
            Tok::Punct('}') if depth > 0 => Role::Close,
            Tok::Punct('{') => Role::Block,
            Tok::Punct('}') => Role::End,
            Tok::Newline if depth > 0 => Role::Inside,
            Tok::Newline | Tok::Punct(';') => Role::Break,
            _ => Role::Other,
        };
        match role {
            Role::Open => {
                // A closure passed inside brackets is kept as tokens of the head.
                depth += 1;
                head.push(t);
            }
            Role::Close => {
                depth = depth.saturating_sub(1);
                head.push(t);
            }
            Role::Block => {
                *i += 1;
                let inner = block(tokens, i);
                out.push(Stmt {
                    head: std::mem::take(&mut head),
                    block: Some(inner),
                });
            }
            Role::End => {
                if !head.is_empty() {
                    out.push(Stmt {
                        head: std::mem::take(&mut head),
                        block: None,
                    });
                }
                return out;
            }
            Role::Inside => {}
            Role::Break => {
                let next = tokens
                    .get(*i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .flatten()
                    .find(|t| t.tok != Tok::Newline);
                if !(head.is_empty() || (t.tok == Tok::Newline && continues(head.last(), next))) {
                    out.push(Stmt {
                        head: std::mem::take(&mut head),
                        block: None,
                    });
                }
            }
            Role::Other => head.push(t),
        }
        *i += 1;
    }
    if !head.is_empty() {
        out.push(Stmt { head, block: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::gradle::lexer::tokenize;

    #[test]
    fn blocks_and_continuations() {
        let t = tokenize("b", "a {\n  b = 1 +\n   2\n  c(\"x\") { d }\n  .e\n}\nf").unwrap();
        let s = statements(t);
        assert_eq!(s.len(), 2);
        let inner = s[0].block.as_ref().unwrap();
        assert_eq!(inner.len(), 3, "{inner:?}");
        assert_eq!(inner[0].head.len(), 5);
        assert_eq!(s[1].line(), 7);
    }
}
