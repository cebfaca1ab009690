//! Statements of a build script: each is the tokens of its head (`android`, `create("qa")`,
//! `applicationId = "x"`) and, when it has one, its block (`{ … }`). Both Groovy and Kotlin DSL
//! build scripts are, for the part that configures a build, nested blocks of such statements.

use super::lexer::{Tok, Token};

/// One statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stmt<'a> {
    /// The tokens before the block (or the whole statement), newlines inside brackets dropped.
    pub head: Vec<Token<'a>>,
    /// The statements of its `{ … }` block, if it has one.
    pub block: Option<Vec<Stmt<'a>>>,
}

impl Stmt<'_> {
    /// 1-based line of the statement's first token.
    pub fn line(&self) -> u32 {
        self.head.first().map_or(0, |t| t.line)
    }
}

/// Builds the statement tree. The lexer has balanced every bracket already, so this cannot
/// fail; it recurses once per `{` level, which the lexer bounds. The tokens are moved into the
/// statements, not copied.
pub fn statements(tokens: Vec<Token<'_>>) -> Vec<Stmt<'_>> {
    block(&mut tokens.into_iter())
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

/// The statements of the tokens left in `tokens`, up to the `}` that ends their block.
fn block<'a>(tokens: &mut std::vec::IntoIter<Token<'a>>) -> Vec<Stmt<'a>> {
    let mut out = Vec::new();
    let mut head: Vec<Token<'a>> = Vec::new();
    let mut depth = 0usize;
    while let Some(t) = tokens.next() {
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
                let inner = block(tokens);
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
                let next = tokens.as_slice().iter().find(|t| t.tok != Tok::Newline);
                if !(head.is_empty() || (t.tok == Tok::Newline && continues(head.last(), next))) {
                    out.push(Stmt {
                        head: std::mem::take(&mut head),
                        block: None,
                    });
                }
            }
            Role::Other => head.push(t),
        }
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
