"""Placeholder page; replaced by the real dashboard."""
import streamlit as st
st.title("高新区资产一张图")
